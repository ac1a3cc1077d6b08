using System.Diagnostics;
using Verification.Core;

namespace Verification.Workloads;

/// <summary>
/// A stopwatch benchmark for the Lab: each workload of <see cref="WorkloadCatalog"/> for both stacks, warmed up, then run
/// repeatedly for about <c>secondsPerWorkload</c>; reports medians. Not a substitute for BenchmarkDotNet (benchmarks/),
/// but a few seconds per workload.
/// </summary>
public static class QuickBench
{
    /// <summary>Runs every workload (or those named) for both stacks; <paramref name="reference"/> may be null to time only the optimized
    /// stack.</summary>
    public static IReadOnlyList<QuickBenchRow> Run(IStack? reference, IStack optimized, double secondsPerWorkload = 2.0,
        IEnumerable<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(optimized);
        var rows = new List<QuickBenchRow>();
        foreach (string name in only ?? WorkloadCatalog.Names)
        {
            Workload workload = WorkloadCatalog.Create(name, optimized);
            var (optMs, optBytes, flops, optCpu) = Time(workload, secondsPerWorkload);
            double refMs = double.NaN;
            long refBytes = 0;
            if (reference is not null)
            {
                (refMs, refBytes, _, _) = Time(WorkloadCatalog.Create(name, reference), secondsPerWorkload);
            }
            double? optGflops = flops > 0 ? flops / (optMs * 1e6) : null;
            double? refGflops = flops > 0 && !double.IsNaN(refMs) ? flops / (refMs * 1e6) : null;
            rows.Add(new QuickBenchRow(name, refMs, optMs, refMs / optMs, optGflops, refGflops, optBytes, optCpu)
            {
                Flops = flops, BytesMoved = workload.BytesMoved, Bound = workload.Bound, ReferenceBytesPerRun = refBytes,
            });
        }
        return rows;
    }

    /// <summary>The rows as a Markdown table.</summary>
    public static string Format(IEnumerable<QuickBenchRow> rows)
    {
        var sb = new System.Text.StringBuilder();
        sb.AppendLine("| workload | reference ms | optimized ms | speed-up | optimized GFLOP/s | reference GFLOP/s | optimized bytes allocated per " +
            "run | optimized CPU ms per run |");
        sb.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            sb.AppendLine(
                FormattableString.Invariant($"| {r.Workload} | {r.ReferenceMs:F3} | {r.OptimizedMs:F3} | {r.Speedup:F1} | ") +
                FormattableString.Invariant($"{r.OptimizedGflops?.ToString("F1") ?? "—"} | {r.ReferenceGflops?.ToString("F1") ?? "—"} | ") +
                FormattableString.Invariant($"{r.OptimizedBytesPerRun} | {r.OptimizedCpuMs:F3} |"));
        }
        return sb.ToString();
    }

    private static (double MedianMs, long BytesPerRun, double Flops, double CpuMs) Time(Workload workload, double seconds)
    {
        // Warm-up: past the JIT's first tier and any first-call buffer allocation. At least one run, then up to a quarter
        // of the budget: a Reference run of several seconds is warmed once, a sub-millisecond one many times.
        var warm = Stopwatch.StartNew();
        int warmRuns = 0;
        while (warmRuns < 1 || (warm.Elapsed.TotalSeconds < seconds * 0.25 && warmRuns < 50))
        {
            workload.Run();
            warmRuns++;
        }
        var times = new List<double>();
        TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        // At least one timed run, then as many as fit in the budget (so slow Reference runs are capped by the budget).
        while (times.Count < 1 || (total.Elapsed.TotalSeconds < seconds && times.Count < 10_000))
        {
            long start = Stopwatch.GetTimestamp();
            workload.Run();
            times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
        double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / times.Count;
        // Allocation is counted over a loop of its own, so the timing list's growth and the process queries above
        // are not charged to the workload.
        int allocationRuns = Math.Clamp(times.Count, 1, 20);
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        for (int run = 0; run < allocationRuns; run++)
        {
            workload.Run();
        }
        bytes = (GC.GetAllocatedBytesForCurrentThread() - bytes) / allocationRuns;
        times.Sort();
        return (times[times.Count / 2], bytes, workload.ProductFlops, cpuMs);
    }
}
