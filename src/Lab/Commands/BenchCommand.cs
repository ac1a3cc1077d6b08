using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using Verification.Optimized;
using Verification.Workloads;

namespace Verification.Lab.Commands;

/// <summary>
/// <c>bench [--seconds S] [--threads N] [--workload NAME...] [--json FILE] [--peer FILE] [--isa LEVEL] [--copy-megabytes M]</c>:
/// prints this machine's instruction-set level, vector width and cores, calibrates its float32 FMA peak and copy bandwidth on 1
/// and N threads (<see cref="MachineLimits"/>), times the named workloads (all six by default) with <see cref="QuickBench"/> for
/// the Reference and the Optimized stack, and reports each as a ratio to the Reference and as a share of its limit (GFLOP/s ÷
/// peak for the products, GB/s ÷ bandwidth for the dropout passes), with the targets of <see cref="BenchTargets"/> marked pass
/// or short. A peer column appears only with <c>--peer</c> (timings taken on this machine, <see cref="BenchPeerTimings"/>);
/// <c>--json</c> writes every measurement (<see cref="BenchJsonReport"/>); <c>--isa</c> runs it all again in a child process at
/// a lower level (<see cref="BenchChildProcess"/>). A quick stopwatch check, not BenchmarkDotNet (docs/performance.md); nothing
/// here is asserted.
/// </summary>
public static class BenchCommand
{
    /// <summary>Exit code for an invalid option.</summary>
    public const int BadOption = 2;

    /// <summary>The options of one bench run, validated by <see cref="Run(IAnsiConsole, Options)"/>.</summary>
    public sealed record Options(double Seconds, int Threads, string[]? Workloads, string? Json = null, string? Peer = null,
        string? Isa = null, int CopyMegabytes = CopyBandwidth.DefaultBytes >> 20);

    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var seconds = new Option<double>("--seconds")
        {
            Description = "Time budget per workload and stack, in seconds (slow Reference runs are timed at least once); " +
                          "each of the four calibrations gets a quarter of it, between 0.01 and 0.5 s.",
            DefaultValueFactory = _ => 1.0,
        };
        var threads = new Option<int>("--threads")
        {
            Description = "Parallelism.MaxDegreeOfParallelism for the Optimized kernels, and the N of the N-thread calibration.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
        };
        var workloads = new Option<string[]>("--workload")
        {
            Description = "Workloads to run (default all): " + string.Join(", ", WorkloadCatalog.Names) + ".",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<string?>("--json") { Description = "Write every measurement to this JSON file (atomically)." };
        var peer = new Option<string?>("--peer")
        {
            Description = "Peer timings taken on this machine (JSON; docs/performance.md, benchmarks/peer/torch_peer.py).",
        };
        var isa = new Option<string?>("--isa")
        {
            Description = "Run again in a child process at this lower instruction-set level: " + string.Join(", ", BenchChildProcess.Levels) + ".",
        };
        isa.AcceptOnlyFromAmong([.. BenchChildProcess.Levels]);
        var copy = new Option<int>("--copy-megabytes")
        {
            Description = "Buffer size of the copy-bandwidth calibration in MiB (default 256: far larger than any cache).",
            DefaultValueFactory = _ => CopyBandwidth.DefaultBytes >> 20,
        };
        var command = new Command("bench",
            "Calibrate this machine's FMA peak and copy bandwidth, then time Reference and Optimized on the named workloads as shares of them.")
        {
            seconds, threads, workloads, json, peer, isa, copy,
        };
        command.SetAction(parse => Run(console, new Options(parse.GetValue(seconds), parse.GetValue(threads), parse.GetValue(workloads),
            parse.GetValue(json), parse.GetValue(peer), parse.GetValue(isa), parse.GetValue(copy))));
        return command;
    }

    /// <summary>Validates the options (exit code 2 with a message naming the option, value and expectation), then runs.</summary>
    public static int Run(IAnsiConsole console, Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!(options.Seconds > 0) || double.IsInfinity(options.Seconds))
        {
            return Fail(console,
                $"--seconds must be a positive number of seconds, but got {options.Seconds.ToString(CultureInfo.InvariantCulture)}.");
        }
        if (options.Threads < 1)
        {
            return Fail(console, $"--threads must be at least 1, but got {options.Threads}.");
        }
        if (options.CopyMegabytes is < 1 or > 1024)
        {
            return Fail(console, $"--copy-megabytes must be between 1 and 1024, but got {options.CopyMegabytes}.");
        }
        string[] names = options.Workloads is { Length: > 0 } ? options.Workloads : [.. WorkloadCatalog.Names];
        foreach (string name in names)
        {
            if (!WorkloadCatalog.Names.Contains(name))
            {
                return Fail(console, $"--workload must be one of {string.Join(", ", WorkloadCatalog.Names)}, but got '{name}'.");
            }
        }
        if (options.Json is not null && !JsonFolderExists(options.Json))
        {
            return Fail(console, $"--json must name a file in an existing folder, but got '{options.Json}'.");
        }
        BenchPeerTimings? peer = null;
        if (options.Peer is not null && (peer = BenchPeerTimings.Read(options.Peer, out string error)) is null)
        {
            return Fail(console, error);
        }
        if (options.Isa is not null && options.Isa != InstructionSetLevel.Current)
        {
            return BenchChildProcess.Run(console, options.Isa, ChildArguments(options, names));
        }
        return Measure(console, options, names, peer);
    }

    private static int Measure(IAnsiConsole console, Options options, string[] names, BenchPeerTimings? peer)
    {
        int threads = options.Threads;
        console.WriteLine($"bench: {InstructionSetLevel.Describe()}; widest vector {32 * FmaPeak.Lanes} bits; " +
                          $"{threads} thread(s) for the Optimized kernels (the Reference is single-threaded)");
        var limits = MachineLimits.Calibrate(threads, Math.Clamp(options.Seconds / 4, 0.01, 0.5), options.CopyMegabytes << 20);
        console.WriteLine(CalibrationLine(limits, options.CopyMegabytes));

        int saved = Parallelism.MaxDegreeOfParallelism;
        IReadOnlyList<QuickBenchRow> rows;
        try
        {
            Parallelism.MaxDegreeOfParallelism = threads;
            rows = QuickBench.Run(Stacks.Reference, Stacks.Optimized, options.Seconds, names);
        }
        finally
        {
            Parallelism.MaxDegreeOfParallelism = saved;
        }
        console.Write(Table(rows, limits, threads, peer));
        var targets = BenchTargets.For(threads, limits.Level, peer).Where(t => rows.Any(r => r.Workload == t.Workload)).ToList();
        if (targets.Count > 0)
        {
            console.Write(TargetTable(targets, rows, limits, threads, peer));
        }
        else
        {
            console.WriteLine($"targets: none for these workloads at {threads} thread(s) and level {limits.Level}.");
        }
        if (options.Json is not null)
        {
            BenchJsonReport.Write(options.Json, limits, rows, threads, peer);
            console.WriteLine($"wrote {options.Json}");
        }
        console.WriteLine("Medians of stopwatch runs; the limits are the best of repeated runs in this process. The machine may be " +
                          "shared, so compare ratios and shares measured in one run. BenchmarkDotNet: see docs/performance.md.");
        return 0;
    }

    /// <summary>
    /// The calibration in one line, e.g. "calibration (avx512, 512-bit): FMA peak 225.1 GFLOP/s on 1 thread, 445.0 GFLOP/s on 2
    /// threads; copy 45.2 GB/s on 1 thread, 90.1 GB/s on 2 threads (256 MiB buffer, bytes read + written)".
    /// </summary>
    public static string CalibrationLine(MachineLimits limits, int copyMegabytes)
    {
        ArgumentNullException.ThrowIfNull(limits);
        string n = limits.Threads == 1 ? "" : FormattableString.Invariant($", {limits.PeakGflopsN:0.0} GFLOP/s on {limits.Threads} threads");
        string m = limits.Threads == 1 ? "" : FormattableString.Invariant($", {limits.BandwidthGBsN:0.0} GB/s on {limits.Threads} threads");
        string roof = FmaPeak.HardwareFma ? "FMA peak" : "multiply-add peak (no hardware FMA at this level: multiply, then add)";
        return FormattableString.Invariant(
            $"calibration ({limits.Level}, {limits.VectorBits}-bit): {roof} {limits.PeakGflops1:0.0} GFLOP/s on 1 thread{n}; ") +
            FormattableString.Invariant($"copy {limits.BandwidthGBs1:0.0} GB/s on 1 thread{m} ({copyMegabytes} MiB buffer, bytes read + written)");
    }

    private static bool JsonFolderExists(string path)
    {
        try
        {
            string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
            return folder is not null && Directory.Exists(folder) && !Directory.Exists(path);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return false;
        }
    }

    private static List<string> ChildArguments(Options options, string[] names)
    {
        var arguments = new List<string>
        {
            "--seconds", options.Seconds.ToString("R", CultureInfo.InvariantCulture),
            "--threads", options.Threads.ToString(CultureInfo.InvariantCulture),
            "--copy-megabytes", options.CopyMegabytes.ToString(CultureInfo.InvariantCulture),
            "--workload",
        };
        arguments.AddRange(names);
        if (options.Json is not null)
        {
            arguments.AddRange(["--json", Path.GetFullPath(options.Json)]);
        }
        if (options.Peer is not null)
        {
            arguments.AddRange(["--peer", Path.GetFullPath(options.Peer)]);
        }
        return arguments;
    }

    private static int Fail(IAnsiConsole console, string message)
    {
        console.MarkupLineInterpolated($"[red]{message}[/]");
        return BadOption;
    }

    private static Table Table(IReadOnlyList<QuickBenchRow> rows, MachineLimits limits, int threads, BenchPeerTimings? peer)
    {
        var table = new Table().AddColumns("workload", "bound", "Reference ms", "Optimized ms", "Optimized/Reference", "speed-up",
            "Optimized GFLOP/s", "Optimized GB/s", "share of limit", "bytes moved/run", "allocated B/run");
        if (peer is not null)
        {
            table.AddColumns($"peer ms ({threads}t)", "Optimized/peer");
        }
        foreach (var r in rows)
        {
            double? gbs = r.BytesMoved > 0 ? r.BytesMoved / (r.OptimizedMs * 1e6) : null;
            double? share = limits.Share(r.Bound, r.Flops, r.BytesMoved, r.OptimizedMs, threads);
            var cells = new List<string>
            {
                r.Workload, r.Bound == WorkloadBound.Compute ? "FMA peak" : "copy bandwidth",
                Ms(r.ReferenceMs), Ms(r.OptimizedMs), Ratio(r.OptimizedMs / r.ReferenceMs), Ratio(r.Speedup) + "×",
                r.OptimizedGflops?.ToString("0.0", CultureInfo.InvariantCulture) ?? "—",
                gbs?.ToString("0.0", CultureInfo.InvariantCulture) ?? "—",
                share is double s ? BenchTargets.Percent(s) : "—",
                r.BytesMoved.ToString("0", CultureInfo.InvariantCulture),
                r.OptimizedBytesPerRun.ToString(CultureInfo.InvariantCulture),
            };
            if (peer is not null)
            {
                double peerMs = peer.MedianMs(r.Workload, threads) ?? double.NaN;
                cells.Add(Ms(peerMs));
                cells.Add(Ratio(r.OptimizedMs / peerMs));
            }
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        return table;
    }

    private static Table TargetTable(IReadOnlyList<BenchTargets.Target> targets, IReadOnlyList<QuickBenchRow> rows, MachineLimits limits,
        int threads, BenchPeerTimings? peer)
    {
        var table = new Table().Title($"targets ({threads} thread(s), {limits.Level}; limits calibrated above)")
            .AddColumns("workload", "target", "measured", "", "why");
        foreach (var target in targets)
        {
            var row = rows.First(r => r.Workload == target.Workload);
            var (pass, measured) = BenchTargets.Judge(target, row, limits, threads, peer);
            table.AddRow(Markup.Escape(target.Workload), Markup.Escape(target.Text), Markup.Escape(measured),
                pass ? "[green]pass[/]" : "[yellow]short[/]", Markup.Escape(target.Why));
        }
        return table;
    }

    private static string Ms(double ms) => double.IsNaN(ms) ? "—" : ms.ToString(ms < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture);

    private static string Ratio(double ratio) => double.IsNaN(ratio) ? "—" : ratio.ToString(ratio < 0.1 ? "0.0000" : "0.00",
        CultureInfo.InvariantCulture);
}
