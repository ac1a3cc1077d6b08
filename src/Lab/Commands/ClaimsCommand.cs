using System.CommandLine;
using System.Diagnostics;
using System.Text;
using Spectre.Console;
using Verification.Core.Checkpoints;
using Verification.Experiments.Claims;
using Verification.Lab.Plots;

namespace Verification.Lab.Commands;

/// <summary>
/// <c>claims [--impl reference|optimized] [--set NAME]... [--plot DIR] [--output FILE] [--approved FILE]</c>: re-runs
/// every claim of the documents (or of the named claim sets) with a progress display, prints the ledger, writes it as
/// Markdown (default <c>docs/claims.md</c>),
/// optionally draws the figures as PNG into DIR, and compares every row with the approved snapshot
/// (<see cref="LedgerSnapshot.ApprovedPath"/>). Exit code 0 when nothing moved, 1 when a row's measured value or verdict
/// differs from the snapshot, 2 when the snapshot cannot be read.
/// </summary>
public static class ClaimsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var impl = StackOption.Single();
        impl.DefaultValueFactory = _ => "optimized";
        var plot = new Option<DirectoryInfo?>("--plot")
        {
            Description = "Also draw the figures as PNG files into this folder (docs/img for the docs).",
        };
        var output = new Option<FileInfo>("--output")
        {
            Description = "Where to write the ledger as Markdown.",
            DefaultValueFactory = _ => new FileInfo(Path.Combine("docs", "claims.md")),
        };
        var approved = new Option<FileInfo>("--approved")
        {
            Description = "The approved snapshot to compare with (the Lab tests' approved file).",
            DefaultValueFactory = _ => new FileInfo(LedgerSnapshot.ApprovedPath),
        };
        var only = new Option<string[]>("--set")
        {
            Description = "Run only this claim set (repeatable; `experiments` lists the names). Only its rows are compared with the snapshot.",
        };
        only.Validators.Add(r =>
        {
            var known = ClaimCatalog.Create().Select(c => c.Name).ToArray();
            foreach (var name in r.GetValueOrDefault<string[]>() ?? [])
            {
                if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    r.AddError($"--set must name a claim set ({string.Join(", ", known)}), but got '{name}'.");
                }
            }
        });
        var command = new Command("claims", "Re-measure every claim of the documents, print the ledger and write docs/claims.md.")
        {
            impl, only, plot, output, approved,
        };
        command.SetAction(parse => Run(console, parse.GetValue(impl)!, parse.GetValue(plot), parse.GetValue(output)!, parse.GetValue(approved)!,
            parse.GetValue(only)));
        return command;
    }

    /// <summary>Runs the ledger; see the class summary for the exit codes.</summary>
    public static int Run(IAnsiConsole console, string impl, DirectoryInfo? plot, FileInfo output, FileInfo approved,
        IReadOnlyCollection<string>? only = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(approved);
        var stack = StackOption.Resolve(impl)[0];
        var clock = Stopwatch.StartNew();
        var sets = ClaimCatalog.Create()
            .Where(set => only is null || only.Count == 0 || only.Contains(set.Name, StringComparer.OrdinalIgnoreCase))
            .ToArray();
        var ledger = RunWithProgress(console, stack, sets);
        clock.Stop();

        console.Write(LedgerTable(ledger.Rows, withNotes: false));
        var rows = ledger.Rows;
        console.MarkupLine($"[bold]{rows.Count} claims[/] on the {stack.Name} stack in {clock.Elapsed.TotalSeconds:0.0} s: " +
                           $"[green]{rows.Count(r => r.Verdict == Verdict.Holds)} hold[/], " +
                           $"[yellow]{rows.Count(r => r.Verdict == Verdict.HoldsQualitatively)} hold qualitatively[/], " +
                           $"[red]{rows.Count(r => r.Verdict == Verdict.DoesNotHold)} do not hold[/].");

        string? outputFolder = output.DirectoryName;
        if (!string.IsNullOrEmpty(outputFolder)) Directory.CreateDirectory(outputFolder);
        string imageFolder = plot is null || outputFolder is null
            ? "img"
            : Path.GetRelativePath(outputFolder, plot.FullName).Replace('\\', '/');
        string markdown = ClaimsMarkdown.Render(ledger, imageFolder);
        AtomicFile.Write(output.FullName, s => s.Write(Encoding.UTF8.GetBytes(markdown)));
        console.MarkupLineInterpolated($"Wrote {output.FullName}");

        if (plot is not null)
        {
            foreach (var figure in ledger.Figures)
            {
                console.MarkupLineInterpolated($"Drew {FigureRenderer.Save(figure, plot.FullName)}");
            }
        }
        return CompareWithSnapshot(console, rows, approved, complete: sets.Length == ClaimCatalog.Create().Count);
    }

    private static Ledger RunWithProgress(IAnsiConsole console, Verification.Core.IStack stack, IReadOnlyList<IClaimSet> sets)
    {
        Ledger? ledger = null;
        console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var tasks = sets.ToDictionary(s => s, s => context.AddTask($"{s.Name} ({s.Document})", maxValue: 1));
                ledger = ClaimsLedger.Run(stack, sets, (set, done) =>
                {
                    if (done) tasks[set].Value = 1;
                    else tasks[set].StartTask();
                });
            });
        return ledger!;
    }

    /// <summary>
    /// Compares with the snapshot; when only some sets ran (<paramref name="complete"/> false), only their rows are
    /// compared, so the rows of the sets left out do not read as gone.
    /// </summary>
    private static int CompareWithSnapshot(IAnsiConsole console, IReadOnlyList<ClaimRow> rows, FileInfo approved, bool complete)
    {
        if (!approved.Exists)
        {
            console.MarkupLineInterpolated($"[red]no approved snapshot at '{approved.FullName}': cannot tell whether a claim moved.[/]");
            return 2;
        }
        string approvedText = File.ReadAllText(approved.FullName);
        if (!complete)
        {
            var ran = rows.Select(r => r.Id + " |").ToArray();
            approvedText = string.Join('\n', approvedText.Split('\n').Where(line => ran.Any(id => line.StartsWith(id, StringComparison.Ordinal))));
        }
        var changes = LedgerSnapshot.Compare(approvedText, rows);
        if (changes.Count == 0)
        {
            console.MarkupLine("[green]Every row matches its approved snapshot.[/]");
            return 0;
        }
        console.MarkupLine($"[red]{changes.Count} row(s) moved since the approved snapshot:[/]");
        foreach (var change in changes)
        {
            console.MarkupLineInterpolated($"  [red]{change.Id}[/]: approved '{change.Approved ?? "(none)"}', now '{change.Measured ?? "(gone)"}'");
        }
        console.MarkupLine("Review the change; if it is right, update the approved file (the Lab tests write a .received file beside it).");
        return 1;
    }

    /// <summary>The ledger as a console table; with notes for <c>experiments NAME</c>.</summary>
    public static Table LedgerTable(IEnumerable<ClaimRow> rows, bool withNotes)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new Table().AddColumns("id", "claim", "document", "measured", "verdict");
        if (withNotes) table.AddColumn("how it is judged");
        foreach (var row in rows)
        {
            var cells = new List<string>
            {
                Markup.Escape(row.Id), Markup.Escape(row.Claim), Markup.Escape(row.DocumentValue), Markup.Escape(row.MeasuredValue),
                Colour(row.Verdict),
            };
            if (withNotes) cells.Add(Markup.Escape(row.Note));
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    private static string Colour(Verdict verdict) => verdict switch
    {
        Verdict.Holds => "[green]holds[/]",
        Verdict.HoldsQualitatively => "[yellow]holds qualitatively[/]",
        _ => "[red]does not hold[/]",
    };
}
