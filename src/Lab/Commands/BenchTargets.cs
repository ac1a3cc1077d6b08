namespace Verification.Lab.Commands;

/// <summary>
/// What the bench compares against: PyTorch's CPU times on the same kind of machine (/work/shared/PERF.md, libtorch 2.10,
/// medians) and the targets for the Optimized stack that PERF.md's measured limits support. Targets are reported
/// with a pass or short mark, never asserted: timings depend on the machine and its load.
/// </summary>
public static class BenchTargets
{
    /// <summary>PyTorch's median milliseconds on one and on two threads.</summary>
    public readonly record struct PyTorchTime(double OneThreadMs, double TwoThreadsMs);

    /// <summary>A target: a time at most <see cref="MaxMs"/>, or a product rate at least <see cref="MinGflops"/>, at a thread count.</summary>
    public sealed record Target(string Workload, int Threads, double? MaxMs, double? MinGflops, string Why)
    {
        /// <summary>The target in words, e.g. "≤ 3 ms" or "≥ 180 GFLOP/s".</summary>
        public string Text => MaxMs is double ms ? $"≤ {ms:0.###} ms" : $"≥ {MinGflops:0} GFLOP/s";
    }

    /// <summary>PERF.md's PyTorch table, by workload name.</summary>
    public static IReadOnlyDictionary<string, PyTorchTime> PyTorch { get; } = new Dictionary<string, PyTorchTime>
    {
        ["seed000_experiment"] = new(181, 197),
        ["mlp784_step"] = new(15.4, 6.1),
        ["dropout16M_train"] = new(560, 478),
        ["dropout2d_train"] = new(178, 111),
        ["linear_fwd_bwd_60x256x256"] = new(0.31, 0.27),
        ["linear_fwd_bwd_256x1024x1024"] = new(18.0, 10.8),
    };

    /// <summary>
    /// The targets: every workload at least as fast as PyTorch at the same thread count, and the two product-bound
    /// workloads at the speed PERF.md measured for a register-blocked Vector512 kernel (180–225 GFLOP/s on one core,
    /// 330–410 on two; mlp784_step's 0.4 GFLOP of products in 2–3 ms on one core).
    /// </summary>
    public static IReadOnlyList<Target> For(int threads)
    {
        int t = Math.Min(threads, 2);
        var targets = new List<Target>();
        foreach (var (name, time) in PyTorch)
        {
            targets.Add(new Target(name, t, t == 1 ? time.OneThreadMs : time.TwoThreadsMs, null, $"PyTorch's {t}-thread time"));
        }
        targets.Add(new Target("mlp784_step", t, t == 1 ? 3.0 : 2.0, null, "PERF.md: 0.4 GFLOP of products at kernel speed"));
        targets.Add(new Target("linear_fwd_bwd_256x1024x1024", t, null, t == 1 ? 180 : 330, "PERF.md: a Vector512 8×32 tile's rate"));
        return targets;
    }
}
