using System.Diagnostics;
using System.Runtime.InteropServices;
using Verification.Optimized;
using Verification.Workloads;

namespace Verification.Benchmarks;

/// <summary>
/// The large Linear's three products and its whole forward+backward as shares of the FMA peak calibrated in the same
/// round, on one thread at the current instruction-set level (run with <c>DOTNET_EnableAVX512=0</c> for the AVX2 tile).
/// Rounds alternate calibration and products, so a loaded machine shows in both. Besides wall-clock shares it reports
/// shares by this thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>) against <see cref="FmaPeak.Loop"/> (the
/// level's widest vector) timed the same way, which stays meaningful when other processes take the core away.
/// </summary>
public static class GemmShareTimings
{
    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    internal static double ThreadCpuSeconds()
    {
        const int threadCpuClock = 3;
        return ClockGetTime(threadCpuClock, out TimeSpec t) == 0 ? t.Seconds + t.Nanoseconds * 1e-9 : double.NaN;
    }

    /// <summary>Best GFLOP/s of the FMA loop by thread CPU time over several short runs.</summary>
    internal static double CpuPeak()
    {
        const long iterations = 1 << 20;
        double best = 0;
        for (int run = 0; run < 20; run++)
        {
            double t0 = ThreadCpuSeconds();
            FmaPeak.Loop(iterations);
            best = Math.Max(best, 2.0 * FmaPeak.Lanes * FmaPeak.Chains * iterations / (ThreadCpuSeconds() - t0) / 1e9);
        }
        return best;
    }

    public static void Print(int rounds)
    {
        Parallelism.MaxDegreeOfParallelism = 1;
        Console.WriteLine($"path: {Gemm.Path}, vector lanes: {FmaPeak.Lanes}");
        var shapes = new (string Name, string Layout, int M, int K, int N)[]
        {
            ("forward y = x·Wᵀ", "NT", 256, 1024, 1024),
            ("∂W += gᵀ·x", "TN", 1024, 256, 1024),
            ("∂x = g·W", "NN", 256, 1024, 1024),
            ("in L2", "NN", 240, 256, 256),
            ("in L2", "TN", 240, 256, 256),
        };
        var runs = new List<(string Name, Action Run, double Flops)>();
        foreach (var (name, layout, m, k, n) in shapes)
        {
            var rng = new Random(1);
            float[] a = Fill(rng, (long)m * k), b = Fill(rng, (long)k * n), c = new float[m * n], scratch = new float[k * n];
            Action run = layout switch
            {
                "NN" => () => Gemm.MultiplyNN(a, b, c, m, k, n, false),
                "TN" => () => Gemm.MultiplyTN(a, b, c, m, k, n, true),
                _ => () => Gemm.MultiplyNT(a, b, c, m, k, n, false, scratch),
            };
            runs.Add(($"{layout} {name} {m}×{k}×{n}", run, 2.0 * m * k * n));
        }
        Workload layer = WorkloadCatalog.Create("linear_fwd_bwd_256x1024x1024", Stacks.Optimized);
        runs.Add(("linear_fwd_bwd_256x1024x1024", layer.Run, layer.ProductFlops));
        foreach (var (_, run, _) in runs)
        {
            for (int i = 0; i < 3; i++) run();
        }
        for (int round = 0; round < rounds; round++)
        {
            double peak = FmaPeak.MeasureGflops(1, 0.2);
            double cpuPeak = CpuPeak();
            Console.WriteLine(FormattableString.Invariant($"round {round + 1}: FMA peak {peak:F1} GFLOP/s (wall), {cpuPeak:F1} (thread CPU time)"));
            foreach (var (name, run, flops) in runs)
            {
                var times = new List<double>();
                var cpuTimes = new List<double>();
                var budget = Stopwatch.StartNew();
                while (times.Count < 5 || budget.Elapsed.TotalSeconds < 0.4)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    double cpu0 = ThreadCpuSeconds();
                    run();
                    cpuTimes.Add((ThreadCpuSeconds() - cpu0) * 1e3);
                    times.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                times.Sort();
                cpuTimes.Sort();
                double cpuMedian = cpuTimes[cpuTimes.Count / 2];
                double median = times[times.Count / 2], best = times[0];
                double Share(double ms, double limit) => flops / ms / 1e6 / limit;
                Console.WriteLine(FormattableString.Invariant(
                    $"  {name,-40} wall share {Share(median, peak),6:P1} best {Share(best, peak),6:P1}  ") + FormattableString.Invariant(
                    $"CPU-time share {Share(cpuMedian, cpuPeak),6:P1} best {Share(cpuTimes[0], cpuPeak),6:P1}"));
            }
        }
    }

    private static float[] Fill(Random rng, long length)
    {
        var values = new float[length];
        for (long i = 0; i < length; i++) values[i] = (float)rng.NextDouble();
        return values;
    }
}
