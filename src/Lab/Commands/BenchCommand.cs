using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Verification.Optimized;
using Verification.Workloads;

namespace Verification.Lab.Commands;

/// <summary>
/// <c>bench [--seconds S] [--threads N] [--workload NAME...]</c>: times the named workloads (all six by default) with
/// <see cref="QuickBench"/> for the Reference and the Optimized stack and prints medians, the Optimized/Reference ratio
/// and speed-up, product GFLOP/s, bytes allocated per run, PyTorch's times from docs/performance.md with the ratio to them, and
/// the targets of <see cref="BenchTargets"/> marked pass or short. A quick stopwatch check, not BenchmarkDotNet
/// (see docs/performance.md); nothing here is asserted.
/// </summary>
public static class BenchCommand
{
    /// <summary>Exit code for an invalid option.</summary>
    public const int BadOption = 2;

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var seconds = new Option<double>("--seconds")
        {
            Description = "Time budget per workload and stack, in seconds (slow Reference runs are timed at least once).",
            DefaultValueFactory = _ => 1.0,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Parallelism.MaxDegreeOfParallelism for the Optimized kernels.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var workloads = new Option<string[]>("--workload")
        {
            Description = "Workloads to run (default all): " + string.Join(", ", WorkloadCatalog.Names) + ".",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("bench", "Time Reference and Optimized on the named workloads against PyTorch's times.")
        {
            seconds, threads, workloads,
        };
        command.SetAction(parse => Run(console, parse.GetValue(seconds), parse.GetValue(threads), parse.GetValue(workloads)));
        return command;
    }

    /// <summary>Validates the options (exit code 2 with a message naming the option, value and expectation), then runs.</summary>
    public static int Run(IAnsiConsole console, double seconds, int threads, string[]? workloads)
    {
        if (!(seconds > 0) || double.IsInfinity(seconds))
        {
            return Fail(console, $"--seconds must be a positive number of seconds, but got {seconds.ToString(CultureInfo.InvariantCulture)}.");
        }
        if (threads < 1)
        {
            return Fail(console, $"--threads must be at least 1, but got {threads}.");
        }
        string[] names = workloads is { Length: > 0 } ? workloads : [.. WorkloadCatalog.Names];
        foreach (string name in names)
        {
            if (!WorkloadCatalog.Names.Contains(name))
            {
                return Fail(console, $"--workload must be one of {string.Join(", ", WorkloadCatalog.Names)}, but got '{name}'.");
            }
        }

        int saved = Parallelism.MaxDegreeOfParallelism;
        IReadOnlyList<QuickBenchRow> rows;
        try
        {
            Parallelism.MaxDegreeOfParallelism = threads;
            console.MarkupLine($"[bold]bench[/]: {threads} thread(s) for the Optimized kernels (the Reference is single-threaded), " +
                               $"{Environment.ProcessorCount} cores, {seconds.ToString(CultureInfo.InvariantCulture)} s per workload and stack");
            rows = QuickBench.Run(Stacks.Reference, Stacks.Optimized, seconds, names);
        }
        finally
        {
            Parallelism.MaxDegreeOfParallelism = saved;
        }
        console.Write(Table(rows, threads));
        console.Write(TargetTable(rows, threads));
        console.MarkupLine("Medians of stopwatch runs; the machine is shared, so compare ratios measured in one run. " +
                           "BenchmarkDotNet's numbers: see docs/performance.md.");
        return 0;
    }

    private static int Fail(IAnsiConsole console, string message)
    {
        console.MarkupLineInterpolated($"[red]{message}[/]");
        return BadOption;
    }

    private static Table Table(IReadOnlyList<QuickBenchRow> rows, int threads)
    {
        int t = Math.Min(threads, 2);
        var table = new Table().AddColumns("workload", "Reference ms", "Optimized ms", "Optimized/Reference", "speed-up",
            "Optimized GFLOP/s", "Optimized bytes/run", "PyTorch 1-thread ms", "Optimized/PyTorch 1t");
        if (t == 2)
        {
            table.AddColumns("PyTorch 2-thread ms", "Optimized/PyTorch 2t");
        }
        foreach (var r in rows)
        {
            var torch = BenchTargets.PyTorch[r.Workload];
            var cells = new List<string>
            {
                r.Workload, Ms(r.ReferenceMs), Ms(r.OptimizedMs), Ratio(r.OptimizedMs / r.ReferenceMs), Ratio(r.Speedup) + "×",
                r.OptimizedGflops?.ToString("0.0", CultureInfo.InvariantCulture) ?? "—",
                r.OptimizedBytesPerRun.ToString(CultureInfo.InvariantCulture),
                Ms(torch.OneThreadMs), Ratio(r.OptimizedMs / torch.OneThreadMs),
            };
            if (t == 2)
            {
                cells.Add(Ms(torch.TwoThreadsMs));
                cells.Add(Ratio(r.OptimizedMs / torch.TwoThreadsMs));
            }
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        return table;
    }

    private static Table TargetTable(IReadOnlyList<QuickBenchRow> rows, int threads)
    {
        var table = new Table().Title($"targets ({Math.Min(threads, 2)} thread(s))").AddColumns("workload", "target", "measured", "", "why");
        foreach (var target in BenchTargets.For(threads))
        {
            var row = rows.FirstOrDefault(r => r.Workload == target.Workload);
            if (row is null)
            {
                continue;
            }
            var (pass, measured) = target.Measure switch
            {
                BenchTargets.Measure.MaxMs => (row.OptimizedMs <= target.Value, Ms(row.OptimizedMs) + " ms"),
                BenchTargets.Measure.MinGflops => ((row.OptimizedGflops ?? 0) >= target.Value,
                    (row.OptimizedGflops ?? 0).ToString("0.0", CultureInfo.InvariantCulture) + " GFLOP/s"),
                BenchTargets.Measure.MinSpeedup => (row.Speedup >= target.Value, Ratio(row.Speedup) + "×"),
                _ => (row.OptimizedBytesPerRun <= target.Value, row.OptimizedBytesPerRun.ToString(CultureInfo.InvariantCulture) + " B"),
            };
            table.AddRow(Markup.Escape(target.Workload), Markup.Escape(target.Text), Markup.Escape(measured),
                pass ? "[green]pass[/]" : "[yellow]short[/]", Markup.Escape(target.Why));
        }
        return table;
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "—" : ms.ToString(ms < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture);

    private static string Ratio(double ratio) => double.IsNaN(ratio) ? "—" : ratio.ToString(ratio < 0.1 ? "0.0000" : "0.00",
        CultureInfo.InvariantCulture);
}
