using System.CommandLine;
using Spectre.Console;
using Verification.Core.Checkpoints;
using Verification.Exercises;
using Verification.Exercises.Grading;

namespace Verification.Lab.Commands;

/// <summary>
/// <c>grade [DOCUMENT] [--workbook] [--watch] [--markdown FILE] [--json FILE]</c>: grades the exercises (all, or one document's:
/// <c>grade 003</c>) without xunit, with a progress bar while they run, and prints one table per document, each whole-layer
/// exercise's laws, the feedback of every failure and the total; optionally writes the scorecard as Markdown or JSON
/// (atomically). Exit code 0 when every graded exercise passed, 2 on a bad argument. <c>--watch</c> grades, then watches
/// src/Exercises/Workbook and rebuilds and re-grades (in a fresh process) whenever a file there is saved.
/// </summary>
public static class GradeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var document = new Argument<string?>("DOCUMENT")
        {
            Description = "Grade one document's exercises only: 000, 001, 002, 003 or 004 (omit for all).", Arity = ArgumentArity.ZeroOrOne,
        };
        var workbook = new Option<bool>("--workbook") { Description = "Grade your workbook (src/Exercises/Workbook) instead of the answer key." };
        var watch = new Option<bool>("--watch")
        {
            Description = "Re-grade on every save under src/Exercises/Workbook (run from the repository root).",
        };
        var markdown = new Option<FileInfo?>("--markdown") { Description = "Also write the scorecard as Markdown to this file." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the scorecard as JSON to this file." };
        var command = new Command("grade", "Grade the documents' exercises and print the scorecard.") { document, workbook, watch, markdown, json };
        command.SetAction(parse => parse.GetValue(watch)
            ? Watch(console, parse.GetValue(document), parse.GetValue(workbook))
            : Run(console, parse.GetValue(workbook), parse.GetValue(markdown), parse.GetValue(json), parse.GetValue(document)));
        return command;
    }

    /// <summary>The documents that have exercises, by their three-digit number.</summary>
    public static IReadOnlyList<string> Documents => Catalog.All.Select(e => e.Document[..3]).Distinct().Order(StringComparer.Ordinal).ToArray();

    /// <summary>Grades and prints; returns 0 when everything graded passed, 2 when <paramref name="document"/> names no document.</summary>
    public static int Run(IAnsiConsole console, bool workbook, FileInfo? markdown, FileInfo? json, string? document = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (document is not null && !Documents.Contains(document.Trim()))
        {
            console.MarkupLineInterpolated(
                $"[red]grade: DOCUMENT must be one of {string.Join(", ", Documents)} (a document's number), but got '{document}'.[/]");
            return 2;
        }
        IAnswers answers = workbook ? new Exercises.Workbook.Workbook() : new Exercises.Key.AnswerKey();
        var exercises = Catalog.All.Where(e => document is null || e.Document.StartsWith(document.Trim(), StringComparison.Ordinal)).ToArray();
        console.MarkupLine(workbook ? "[bold]Grading your workbook[/]" : "[bold]Grading the answer key[/] (use --workbook for yours)");
        var card = new Scorecard(GradeWithProgress(console, answers, exercises));
        foreach (var group in card.ByDocument)
        {
            var table = new Table().Title(Markup.Escape(group.Key)).AddColumns("exercise", "kind", "title", "difficulty", "points", "status");
            foreach (var (exercise, grade) in group)
            {
                table.AddRow(exercise.Id, exercise.Kind.ToString().ToLowerInvariant(), Markup.Escape(exercise.Title), exercise.Difficulty.ToString(),
                    $"{(grade.Passed ? exercise.Points : 0)}/{exercise.Points}", StatusMarkup(grade.Status));
            }
            console.Write(table);
            foreach (var (exercise, grade) in group.Where(r => r.Grade.Laws.Count > 0 && r.Grade.Status != GradeStatus.NotAttempted))
            {
                console.MarkupLineInterpolated($"  [bold]{exercise.Id}[/] laws:");
                foreach (LawResult law in grade.Laws)
                {
                    console.MarkupLine($"    {StatusMarkup(law.Status)}  {Markup.Escape(law.Law)}");
                }
            }
            foreach (var (exercise, grade) in group.Where(r => r.Grade.Status == GradeStatus.Failed))
            {
                console.MarkupLine($"  [red]{exercise.Id}[/]: {Markup.Escape(grade.Feedback)}");
            }
        }
        console.MarkupLine($"[bold]Total: {card.Earned}/{card.Possible} points[/]");
        if (markdown is not null) AtomicFile.Write(markdown.FullName, s => s.Write(System.Text.Encoding.UTF8.GetBytes(card.ToMarkdown())));
        if (json is not null) AtomicFile.Write(json.FullName, s => s.Write(System.Text.Encoding.UTF8.GetBytes(card.ToJson())));
        return card.Earned == card.Possible ? 0 : 1;
    }

    /// <summary>The folder whose saves trigger a re-grade, relative to the repository root.</summary>
    public static string WatchedFolder => Path.Combine("src", "Exercises", "Workbook");

    /// <summary>
    /// The command each re-grade runs: <c>dotnet run -c Release --project src/Lab -- grade [DOCUMENT] --workbook</c>. It rebuilds
    /// the workbook and grades it in a fresh process (a running process cannot load a rebuilt assembly); Release keeps that
    /// build apart from the Debug build of the watching process, whose files Windows would not let a build overwrite.
    /// </summary>
    public static IReadOnlyList<string> RegradeArguments(string? document, bool workbook)
    {
        var arguments = new List<string> { "run", "-c", "Release", "--project", Path.Combine("src", "Lab"), "--", "grade" };
        if (document is not null) arguments.Add(document.Trim());
        if (workbook) arguments.Add("--workbook");
        return arguments;
    }

    /// <summary>True for the saves that should re-grade: C# files, not editors' backup or temporary files.</summary>
    public static bool TriggersRegrade(string path) =>
        path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(path).StartsWith('.');

    /// <summary>Grades once, then again after every save under <see cref="WatchedFolder"/>, until Ctrl+C.</summary>
    private static int Watch(IAnsiConsole console, string? document, bool workbook)
    {
        if (document is not null && !Documents.Contains(document.Trim()))
        {
            return Run(console, workbook, null, null, document);
        }
        if (!Directory.Exists(WatchedFolder))
        {
            console.MarkupLineInterpolated($"[red]grade --watch: no folder {WatchedFolder} here; run it from the repository root.[/]");
            return 2;
        }
        using var saved = new AutoResetEvent(false);
        using var watcher = new FileSystemWatcher(WatchedFolder) { IncludeSubdirectories = true };
        FileSystemEventHandler onSave = (_, e) =>
        {
            if (TriggersRegrade(e.FullPath)) saved.Set();
        };
        watcher.Changed += onSave;
        watcher.Created += onSave;
        watcher.Renamed += (_, e) => onSave(watcher, e);
        watcher.EnableRaisingEvents = true;
        while (true)
        {
            Regrade(console, document, workbook);
            console.MarkupLineInterpolated($"[bold]Watching {WatchedFolder}[/]: save a file to re-grade, Ctrl+C to stop.");
            saved.WaitOne();
            // An editor's save is often several writes; wait for them to settle, then grade once.
            while (saved.WaitOne(TimeSpan.FromMilliseconds(500)))
            {
            }
        }
    }

    private static void Regrade(IAnsiConsole console, string? document, bool workbook)
    {
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { UseShellExecute = false };
        foreach (string argument in RegradeArguments(document, workbook)) start.ArgumentList.Add(argument);
        console.MarkupLineInterpolated($"[grey]dotnet {string.Join(' ', start.ArgumentList)}[/]");
        using var process = System.Diagnostics.Process.Start(start)
                            ?? throw new InvalidOperationException("could not start 'dotnet': is the .NET SDK on the PATH?");
        process.WaitForExit();
    }

    /// <summary>Grades each exercise in turn under a Spectre.Console progress bar (the whole-layer checks take seconds).</summary>
    private static IReadOnlyList<(Exercise Exercise, Grade Grade)> GradeWithProgress(IAnsiConsole console, IAnswers answers, Exercise[] exercises)
    {
        var rows = new List<(Exercise, Grade)>();
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask("grading", maxValue: Math.Max(1, exercises.Length));
                foreach (Exercise exercise in exercises)
                {
                    task.Description = Markup.Escape($"grading {exercise.Id} {exercise.Title}");
                    rows.Add((exercise, Grader.Run(exercise, answers)));
                    task.Increment(1);
                }
            });
        return rows;
    }

    private static string StatusMarkup(GradeStatus status) => status switch
    {
        GradeStatus.Passed => "[green]passed[/]",
        GradeStatus.Failed => "[red]failed[/]",
        _ => "[grey]not attempted[/]",
    };
}
