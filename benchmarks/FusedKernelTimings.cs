using System.Diagnostics;
using Verification.Core;
using Verification.Core.Random;
using Verification.Optimized;

namespace Verification.Benchmarks;

/// <summary>
/// Each fused kernel alone at every vector width this processor has (<see cref="KernelPaths.Limit"/> lowered on this
/// thread), one thread, as GB/s of the bytes docs/performance.md's roofline table counts, and the product at each
/// <see cref="GemmPath"/> as GFLOP/s: the measured column of that table.
/// </summary>
public static class FusedKernelTimings
{
    private const int N = 1 << 22;

    public static void Print()
    {
        Console.WriteLine($"hardware: {KernelPaths.LevelName(KernelPaths.HardwareBits)}; one thread; {N} elements per call");
        Console.WriteLine("| kernel | bytes/element | " + string.Join(" | ", Widths().Select(b => $"{KernelPaths.LevelName(b)} GB/s")) + " |");
        Console.WriteLine("| --- | ---: |" + string.Concat(Widths().Select(_ => " ---: |")));
        var random = new Random(1);
        var x = new Tensor(N);
        var g = new Tensor(N);
        for (int i = 0; i < N; i++)
        {
            x.Data[i] = (float)(random.NextDouble() * 2 - 1);
            g.Data[i] = (float)(random.NextDouble() * 2 - 1);
        }
        var generator = new TorchGenerator(0);
        var dropout = new Dropout(0.5, generator);
        var relu = new ReLU();
        relu.Forward(x);
        var adamParameter = new Parameter(x.Clone());
        g.Data.CopyTo(adamParameter.Grad.Data, 0);
        var adam = new Adam([adamParameter]);
        var sgdParameter = new Parameter(x.Clone());
        g.Data.CopyTo(sgdParameter.Grad.Data, 0);
        var sgd = new SGD([sgdParameter], lr: 1e-6, momentum: 0.9);
        var batchNorm = new BatchNorm2d(64);
        var image = new Tensor(x.Data, 64, 64, 32, 32);
        var imageGrad = new Tensor(g.Data, 64, 64, 32, 32);
        var uniform = new float[N];
        var bits = new ulong[N / 64];
        var words = new uint[N];

        Row("Dropout(0.5) forward (draw, scale, multiply)", 8.125, () => dropout.Forward(x));
        Row("Dropout backward", 8.125, () => dropout.Backward(g));
        Row("Bernoulli bits (two MT words per element)", 0.125, () => FastMersenneTwister.BernoulliBits(generator.Engine, 0.5, bits, N));
        Row("MT words (refill + tempering)", 4, () => FastMersenneTwister.Fill(generator.Engine, words));
        Row("uniform_", 4, () => FastMersenneTwister.Uniform(generator.Engine, uniform, -1f, 2f));
        Row("Adam step", 28, adam.Step);
        Row("SGD step (momentum)", 20, sgd.Step);
        Row("ReLU backward", 12, () => relu.Backward(g));
        Row("BatchNorm2d forward (64, 64, 32, 32)", 16, () => batchNorm.Forward(image));
        Row("BatchNorm2d backward", 20, () => batchNorm.Backward(imageGrad));
        Products();
    }

    private static IEnumerable<int> Widths() =>
        new[] { 512, 256, 128, 0 }.Where(bits => bits <= KernelPaths.HardwareBits);

    private static void Row(string kernel, double bytesPerElement, Action run)
    {
        var cells = new List<string>();
        foreach (int bits in Widths())
        {
            KernelPaths.Limit = bits;
            double ms = MedianMs(run);
            cells.Add(FormattableString.Invariant($"{bytesPerElement * N / ms / 1e6:F1}"));
        }
        KernelPaths.Limit = null;
        Console.WriteLine(FormattableString.Invariant($"| {kernel} | {bytesPerElement} | {string.Join(" | ", cells)} |"));
    }

    private static void Products()
    {
        Console.WriteLine();
        Console.WriteLine("| product M×K×N (NN) | " + string.Join(" | ", Paths().Select(p => $"{p} GFLOP/s")) + " |");
        Console.WriteLine("| --- |" + string.Concat(Paths().Select(_ => " ---: |")));
        foreach (var (m, k, n) in new[] { (256, 1024, 1024), (128, 784, 512), (60, 256, 256) })
        {
            var a = new float[m * k];
            var b = new float[k * n];
            var c = new float[m * n];
            var cells = new List<string>();
            foreach (GemmPath path in Paths())
            {
                Gemm.Path = path;
                double ms = MedianMs(() => Gemm.MultiplyNN(a, b, c, m, k, n, false));
                cells.Add(FormattableString.Invariant($"{2.0 * m * k * n / ms / 1e6:F1}"));
            }
            Gemm.Path = Gemm.HardwarePath;
            Console.WriteLine($"| {m}×{k}×{n} | {string.Join(" | ", cells)} |");
        }
    }

    private static IEnumerable<GemmPath> Paths() => KernelPaths.HardwareBits switch
    {
        512 => [GemmPath.Vector512, GemmPath.Vector256, GemmPath.Vector128],
        256 => [GemmPath.Vector256, GemmPath.Vector128],
        128 => [GemmPath.Vector128],
        _ => [GemmPath.Scalar],
    };

    private static double MedianMs(Action run)
    {
        // Warm up past tiered compilation (30 calls, then a background Tier-1 compile): with one warm-up call the first
        // width measured (512 bits) was timed in Tier-0 and on-stack-replacement code and came out several times slower.
        var warmUp = Stopwatch.StartNew();
        for (int calls = 0; calls < 60 || warmUp.Elapsed.TotalSeconds < 0.25; calls++)
        {
            run();
        }
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 5 || (total.Elapsed.TotalSeconds < 0.3 && times.Count < 200))
        {
            long t0 = Stopwatch.GetTimestamp();
            run();
            times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
        times.Sort();
        return times[times.Count / 2];
    }
}
