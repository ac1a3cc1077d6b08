namespace Verification.Lab.Commands;

/// <summary>
/// What the bench compares against: PyTorch's CPU times on the same kind of machine (libtorch 2.10, medians, as
/// docs/performance.md records them) and the Optimized stack's targets listed there. Targets are reported with a pass
/// or short mark, never asserted: timings depend on the machine and its load.
/// </summary>
public static class BenchTargets
{
    /// <summary>PyTorch's median milliseconds on one and on two threads.</summary>
    public readonly record struct PyTorchTime(double OneThreadMs, double TwoThreadsMs);

    /// <summary>What a target bounds.</summary>
    public enum Measure
    {
        /// <summary>The Optimized median in milliseconds, at most the value.</summary>
        MaxMs,

        /// <summary>The Optimized products' rate, at least the value in GFLOP/s.</summary>
        MinGflops,

        /// <summary>Reference time ÷ Optimized time, at least the value.</summary>
        MinSpeedup,

        /// <summary>Bytes allocated per run after warm-up, at most the value.</summary>
        MaxBytes,
    }

    /// <summary>One target (docs/performance.md, "Targets") for a workload at a thread count.</summary>
    public sealed record Target(string Workload, int Threads, Measure Measure, double Value, string Why)
    {
        /// <summary>The target in words, e.g. "≤ 3 ms" or "≥ 150 GFLOP/s".</summary>
        public string Text => Measure switch
        {
            Measure.MaxMs => $"≤ {Value:0.###} ms",
            Measure.MinGflops => $"≥ {Value:0} GFLOP/s",
            Measure.MinSpeedup => $"≥ {Value:0}× Reference",
            _ => $"≤ {Value:0} B/run",
        };
    }

    /// <summary>PyTorch's times (docs/performance.md), by workload name.</summary>
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
    /// The targets of docs/performance.md, on one thread: mlp784_step in 3 ms or less and at least 10× faster than Reference, with 0
    /// bytes allocated per step; the large Linear at 150 GFLOP/s or more; seed000_experiment at ≤ 0.25×, dropout16M at
    /// ≤ 0.05× and dropout2d at ≤ 0.1× libtorch's one-thread time. On two threads the large products should scale by
    /// 1.7×: reported as ≥ 1.7 × 150 GFLOP/s (a single bench run has one thread count).
    /// </summary>
    public static IReadOnlyList<Target> For(int threads)
    {
        int t = Math.Min(threads, 2);
        var targets = new List<Target>
        {
            new("seed000_experiment", t, Measure.MaxMs, 0.25 * PyTorch["seed000_experiment"].OneThreadMs, "≤ 0.25× libtorch (181 ms)"),
            new("mlp784_step", t, Measure.MaxMs, 3.0, "products at ≥ 60% of FMA peak"),
            new("mlp784_step", t, Measure.MinSpeedup, 10, "at least 10× faster than Reference"),
            new("mlp784_step", t, Measure.MaxBytes, 0, "no allocation per training step after warm-up"),
            new("dropout16M_train", t, Measure.MaxMs, 0.05 * PyTorch["dropout16M_train"].OneThreadMs, "≤ 0.05× libtorch (560 ms)"),
            new("dropout2d_train", t, Measure.MaxMs, 0.1 * PyTorch["dropout2d_train"].OneThreadMs, "≤ 0.1× libtorch (178 ms)"),
            new("linear_fwd_bwd_256x1024x1024", t, Measure.MinGflops, t == 1 ? 150 : 1.7 * 150,
                t == 1 ? "≥ 150 GFLOP/s on one thread" : "two threads scale the large product ≥ 1.7×"),
        };
        return targets;
    }
}
