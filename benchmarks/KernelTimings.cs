using System.Diagnostics;
using Verification.Optimized;

namespace Verification.Benchmarks;

/// <summary>Times the three product layouts of Linear at the sizes of docs/performance.md, by wall clock and by process CPU time.</summary>
public static class KernelTimings
{
    public static void Print()
    {
        Console.WriteLine($"threads: {Parallelism.MaxDegreeOfParallelism}, path: {Gemm.Path}");
        Console.WriteLine("| product | M×K×N | median ms | GFLOP/s (wall) | GFLOP/s (CPU) |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var (m, k, n) in new[] { (256, 1024, 1024), (128, 784, 512), (128, 512, 512), (60, 256, 256), (1024, 1024, 1024) })
        {
            foreach (string layout in new[] { "NN", "TN", "NT" })
            {
                var a = new float[m * k];
                var b = new float[k * n];
                var c = new float[m * n];
                var scratch = new float[k * n];
                var rng = new Random(1);
                for (int i = 0; i < a.Length; i++) a[i] = (float)rng.NextDouble();
                for (int i = 0; i < b.Length; i++) b[i] = (float)rng.NextDouble();
                Action run = layout switch
                {
                    "NN" => () => Gemm.MultiplyNN(a, b, c, m, k, n, false),
                    "TN" => () => Gemm.MultiplyTN(a, b, c, m, k, n, false),
                    _ => () => Gemm.MultiplyNT(a, b, c, m, k, n, false, scratch),
                };
                for (int i = 0; i < 5; i++) run();
                var times = new List<double>();
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var total = Stopwatch.StartNew();
                while (times.Count < 10 || total.Elapsed.TotalSeconds < 0.5)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    run();
                    times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / times.Count;
                times.Sort();
                double median = times[times.Count / 2];
                double flops = 2.0 * m * k * n;
                Console.WriteLine(FormattableString.Invariant(
                    $"| {layout} | {m}×{k}×{n} | {median:F3} | {flops / median / 1e6:F1} | {flops / cpuMs / 1e6:F1} |"));
            }
        }
    }

    /// <summary>What bounds dropout16M: the generator's words alone, the Bernoulli bits alone, the fused forward.</summary>
    public static void PrintDropoutParts()
    {
        const int n = 1 << 24;
        var g = new Verification.Core.Random.TorchGenerator(0);
        var words = new uint[2 * n];
        var bits = new ulong[n / 64];
        var x = new Verification.Core.Tensor(n);
        var dropout = new Dropout(0.5, g);
        Console.WriteLine("| part | median ms | per element ns |");
        Console.WriteLine("| --- | ---: | ---: |");
        Report("Fill 2·16M words (regenerate + temper)", () => FastMersenneTwister.Fill(g.Engine, words));
        Report("Bernoulli bits for 16M elements", () => FastMersenneTwister.BernoulliBits(g.Engine, 0.5, bits, n));
        Report("Dropout(0.5).Forward on 16M (fused)", () => dropout.Forward(x));
        Report("Core MersenneTwister.Fill 2·16M words (scalar)", () => g.Engine.Fill(words));

        static void Report(string what, Action run)
        {
            run();
            var times = new List<double>();
            for (int i = 0; i < 7; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                run();
                times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine(FormattableString.Invariant($"| {what} | {times[3]:F2} | {times[3] * 1e6 / n:F2} |"));
        }
    }
}
