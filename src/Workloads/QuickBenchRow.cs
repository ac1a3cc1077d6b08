namespace Verification.Workloads;

/// <summary>One line of a quick benchmark: medians in milliseconds, their ratio, and the optimized stack's product rate.</summary>
/// <remarks><c>OptimizedCpuMs</c> is the process's CPU time per run (all threads, helper spinning included): on a shared machine, where
/// wall time depends on what else runs, it shows what the work itself cost.</remarks>
public sealed record QuickBenchRow(string Workload, double ReferenceMs, double OptimizedMs, double Speedup, double? OptimizedGflops,
    double? ReferenceGflops, long OptimizedBytesPerRun, double OptimizedCpuMs);
