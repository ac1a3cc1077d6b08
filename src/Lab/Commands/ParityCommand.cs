using System.CommandLine;
using Spectre.Console;
using Verification.Parity;

namespace Verification.Lab.Commands;

/// <summary>
/// <c>parity --golden DIR [--impl reference|optimized|both]</c>: runs every golden file in DIR, prints one line per
/// file and a total, lists each failing case with its largest error and index, and exits non-zero on any failure or
/// unreadable file. Cases of unknown kinds are counted as skipped.
/// </summary>
public static class ParityCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var golden = new Option<DirectoryInfo>("--golden")
        {
            Description = "A folder of golden JSON files (the format is described in docs/parity.md).",
            DefaultValueFactory = _ => new DirectoryInfo(Path.Combine("tests", "Golden")),
        };
        var impl = StackOption.SingleOrBoth();
        var command = new Command("parity", "Check the implementations against PyTorch's own output (golden vectors).")
        {
            golden,
            impl,
        };
        command.SetAction(parse => Run(console, parse.GetValue(golden)!, parse.GetValue(impl)!));
        return command;
    }

    /// <summary>Runs the check and returns the exit code (0 only when nothing failed and every file was read).</summary>
    public static int Run(IAnsiConsole console, DirectoryInfo golden, string impl)
    {
        if (!golden.Exists)
        {
            console.MarkupLineInterpolated($"[red]golden folder '{golden.FullName}' does not exist[/]");
            return 2;
        }
        var suite = new GoldenSuite();
        bool ok = true;
        foreach (var stack in StackOption.Resolve(impl))
        {
            console.MarkupLineInterpolated($"[bold]{stack.Name}[/]");
            var reports = suite.RunDirectory(golden.FullName, stack);
            if (reports.Count == 0)
            {
                console.MarkupLineInterpolated($"[red]no *.json files in '{golden.FullName}'[/]");
                return 2;
            }
            int passed = 0, total = 0, skipped = 0;
            foreach (var report in reports)
            {
                int run = report.Passed + report.Failed;
                passed += report.Passed;
                total += run;
                skipped += report.Skipped;
                string status = report.Error is not null ? $"[red]unreadable: {Markup.Escape(report.Error)}[/]"
                    : report.Failed > 0 ? "[red]FAILED[/]" : "[green]ok[/]";
                string skippedText = report.Skipped > 0 ? $"  ({report.Skipped} skipped)" : "";
                console.MarkupLine($"  {Markup.Escape(report.File),-18} {report.Passed}/{run}{skippedText}  {status}");
                foreach (var failure in report.Cases.Where(c => c.Status == CaseStatus.Failed))
                {
                    console.MarkupLine($"    [red]{Markup.Escape(failure.ToString())}[/]");
                }
                ok &= report.Ok;
            }
            console.MarkupLine($"  [bold]total {passed}/{total}[/]{(skipped > 0 ? $" ({skipped} skipped)" : "")}");
        }
        return ok ? 0 : 1;
    }
}
