using System.Globalization;
using Verification.Workloads;

namespace Verification.Lab.Commands;

/// <summary>
/// The Optimized stack's targets, as shares of this machine's calibrated limits (<see cref="MachineLimits"/>), ratios to the
/// Reference measured in the same run, or ratios to a peer timed on this machine (<see cref="BenchPeerTimings"/>): nothing
/// measured on another machine decides anything. Reported pass or short, never asserted: timings depend on the machine's load.
/// </summary>
public static class BenchTargets
{
    /// <summary>What a target bounds.</summary>
    public enum Measure
    {
        /// <summary>The rate's share of the limit at the run's thread count (GFLOP/s ÷ peak or GB/s ÷ bandwidth), at least the value.</summary>
        MinShare,

        /// <summary>GFLOP/s ÷ the one-thread FMA peak, at least the value (multi-thread scaling of a product).</summary>
        MinShareOfOneThreadPeak,

        /// <summary>Reference time ÷ Optimized time, at least the value.</summary>
        MinSpeedup,

        /// <summary>Bytes allocated per run after warm-up, at most the value.</summary>
        MaxBytes,

        /// <summary>Optimized time ÷ the peer's time on this machine at the same thread count, at most the value.</summary>
        MaxPeerRatio,
    }

    /// <summary>One target for a workload, with the reason it is set where it is.</summary>
    public sealed record Target(string Workload, Measure Measure, double Value, string Why)
    {
        /// <summary>The target in words, e.g. "≥ 70% of FMA peak" or "≤ 0.05× peer".</summary>
        public string Text => Measure switch
        {
            Measure.MinShare => FormattableString.Invariant($"≥ {Value * 100:0}% of limit"),
            Measure.MinShareOfOneThreadPeak => FormattableString.Invariant($"≥ {Value:0.##}× 1-thread FMA peak"),
            Measure.MinSpeedup => FormattableString.Invariant($"≥ {Value:0.##}× Reference"),
            Measure.MaxPeerRatio => FormattableString.Invariant($"≤ {Value:0.##}× peer"),
            _ => FormattableString.Invariant($"≤ {Value:0} B/run"),
        };
    }

    /// <summary>
    /// The targets of a run on <paramref name="threads"/> threads at instruction-set level <paramref name="level"/> (issue targets in
    /// docs/performance.md, "Targets"); the peer targets only when <paramref name="peer"/> holds that workload at this thread count.
    /// </summary>
    public static IReadOnlyList<Target> For(int threads, string level, BenchPeerTimings? peer)
    {
        var targets = new List<Target>
        {
            new("mlp784_step", Measure.MinShare, 0.70,
                "its products at ≥ 70% of peak; the step's rate counts product flops over the whole step, so it bounds them from below"),
            new("mlp784_step", Measure.MinSpeedup, 10, "the fused stack must beat the readable loops by an order of magnitude"),
            new("mlp784_step", Measure.MaxBytes, 0, "no allocation per training step after warm-up, at every level"),
            new("dropout2d_train", Measure.MinShare, 1 / 1.3,
                "memory-bound (read x, write y): within 1.3× the time this machine takes to copy the same bytes"),
            new("linear_fwd_bwd_60x256x256", Measure.MaxBytes, 0, "a layer's forward and backward reuse their buffers: no allocation"),
            new("linear_fwd_bwd_256x1024x1024", Measure.MaxBytes, 0, "a layer's forward and backward reuse their buffers: no allocation"),
            new("linear_fwd_bwd_256x1024x1024", Measure.MinShare, 0.70,
                "a product large enough to run at the register tile's speed: ≥ 70% of the FMA peak"),
            new("conv2d_fwd_bwd", Measure.MinSpeedup, 20, "a convolution as im2col and the blocked product: ≥ 20× the readable loops"),
            new("conv_digits_epoch", Measure.MinSpeedup, 20, "the digits CNN's epoch on the same kernels: ≥ 20× the readable loops"),
        };
        if (threads > 1)
        {
            targets.Add(new("linear_fwd_bwd_256x1024x1024", Measure.MinShareOfOneThreadPeak, 1.7 * 0.70,
                "more threads scale the large product ≥ 1.7× over the one-thread target (70% of the one-thread peak)"));
        }
        if (level == "vector128")
        {
            foreach (string name in WorkloadCatalog.Names)
            {
                targets.Add(new(name, Measure.MinSpeedup, 5, "128-bit vectors (SSE, Arm64 NEON) still run vector code: ≥ 5× Reference"));
            }
        }
        if (peer is not null)
        {
            AddPeer(targets, peer, threads, "seed000_experiment", 0.2, "small products and many short steps: ≤ 0.2× the peer");
            AddPeer(targets, peer, threads, "mlp784_step", 0.4, "fused layers and no allocation: ≤ 0.4× the peer");
            AddPeer(targets, peer, threads, "dropout16M_train", 0.05,
                "PyTorch's exact masks from a vectorised generator: ≤ 0.05× the peer's scalar loop");
        }
        return targets;
    }

    private static void AddPeer(List<Target> targets, BenchPeerTimings peer, int threads, string workload, double ratio, string why)
    {
        if (peer.MedianMs(workload, threads) is not null)
        {
            targets.Add(new(workload, Measure.MaxPeerRatio, ratio, why));
        }
    }

    /// <summary>Whether <paramref name="row"/> meets <paramref name="target"/>, and the measured value in words.</summary>
    public static (bool Pass, string Measured) Judge(Target target, QuickBenchRow row, MachineLimits limits, int threads,
        BenchPeerTimings? peer)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(limits);
        switch (target.Measure)
        {
            case Measure.MinShare:
                double share = limits.Share(row.Bound, row.Flops, row.BytesMoved, row.OptimizedMs, threads) ?? 0;
                return (share >= target.Value, Percent(share) + (row.Bound == WorkloadBound.Compute ? " of FMA peak" : " of copy bandwidth"));
            case Measure.MinShareOfOneThreadPeak:
                double ofOne = (row.OptimizedGflops ?? 0) / limits.PeakGflops1;
                return (ofOne >= target.Value, ofOne.ToString("0.00", CultureInfo.InvariantCulture) + "× 1-thread peak");
            case Measure.MinSpeedup:
                return (row.Speedup >= target.Value, row.Speedup.ToString("0.0", CultureInfo.InvariantCulture) + "×");
            case Measure.MaxPeerRatio:
                double ratio = row.OptimizedMs / (peer?.MedianMs(row.Workload, threads) ?? double.NaN);
                return (ratio <= target.Value, ratio.ToString("0.000", CultureInfo.InvariantCulture) + "× peer");
            default:
                return (row.OptimizedBytesPerRun <= target.Value, row.OptimizedBytesPerRun.ToString(CultureInfo.InvariantCulture) + " B");
        }
    }

    /// <summary>A share as a percentage, e.g. "71.3%".</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
}
