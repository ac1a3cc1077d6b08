namespace Verification.Workloads;

/// <summary>One line of a quick benchmark: medians in milliseconds, their ratio, and the optimized stack's product rate.</summary>
/// <remarks><c>OptimizedCpuMs</c> is the process's CPU time per run (all threads, helper spinning included): on a shared machine, where
/// wall time depends on what else runs, it shows what the work itself cost. <c>Flops</c>, <c>BytesMoved</c> and <c>Bound</c> are the
/// workload's counts (<see cref="Workload"/>); the bytes allocated per run are counted after warm-up.</remarks>
public sealed record QuickBenchRow(string Workload, double ReferenceMs, double OptimizedMs, double Speedup, double? OptimizedGflops,
    double? ReferenceGflops, long OptimizedBytesPerRun, double OptimizedCpuMs)
{
    /// <summary>Multiply-adds × 2 in the matrix products of one run (0 when there is none).</summary>
    public double Flops { get; init; }

    /// <summary>Bytes one run reads and writes at least (0 when not counted).</summary>
    public double BytesMoved { get; init; }

    /// <summary>The roof the workload is judged against.</summary>
    public WorkloadBound Bound { get; init; }

    /// <summary>Bytes the Reference allocated per run after warm-up (0 when it was not timed).</summary>
    public long ReferenceBytesPerRun { get; init; }
}
