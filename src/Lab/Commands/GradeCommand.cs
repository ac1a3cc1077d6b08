using System.CommandLine;
using Spectre.Console;
using Verification.Core.Checkpoints;
using Verification.Exercises;
using Verification.Exercises.Grading;

namespace Verification.Lab.Commands;

/// <summary>
/// <c>grade [--workbook] [--markdown FILE] [--json FILE]</c>: grades every exercise without xunit and prints one table
/// per document and the total; optionally writes the scorecard as Markdown or JSON (atomically). Exit code 0 when
/// every exercise passed.
/// </summary>
public static class GradeCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var workbook = new Option<bool>("--workbook") { Description = "Grade your workbook (src/Exercises/Workbook) instead of the answer key." };
        var markdown = new Option<FileInfo?>("--markdown") { Description = "Also write the scorecard as Markdown to this file." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the scorecard as JSON to this file." };
        var command = new Command("grade", "Grade the documents' exercises and print the scorecard.") { workbook, markdown, json };
        command.SetAction(parse => Run(console, parse.GetValue(workbook), parse.GetValue(markdown), parse.GetValue(json)));
        return command;
    }

    /// <summary>Grades and prints; returns 0 when everything passed.</summary>
    public static int Run(IAnsiConsole console, bool workbook, FileInfo? markdown, FileInfo? json)
    {
        IAnswers answers = workbook ? new Exercises.Workbook.Workbook() : new Exercises.Key.AnswerKey();
        var card = new Scorecard(Grader.RunAll(answers));
        console.MarkupLine(workbook ? "[bold]Grading your workbook[/]" : "[bold]Grading the answer key[/] (use --workbook for yours)");
        foreach (var document in card.ByDocument)
        {
            var table = new Table().Title(Markup.Escape(document.Key)).AddColumns("exercise", "title", "difficulty", "points", "status");
            foreach (var (exercise, grade) in document)
            {
                string status = grade.Status switch
                {
                    GradeStatus.Passed => "[green]passed[/]",
                    GradeStatus.Failed => "[red]failed[/]",
                    _ => "[grey]not attempted[/]",
                };
                table.AddRow(exercise.Id, Markup.Escape(exercise.Title), exercise.Difficulty.ToString(),
                    $"{(grade.Passed ? exercise.Points : 0)}/{exercise.Points}", status);
            }
            console.Write(table);
            foreach (var (exercise, grade) in document.Where(r => r.Grade.Status == GradeStatus.Failed))
            {
                console.MarkupLine($"  [red]{exercise.Id}[/]: {Markup.Escape(grade.Feedback)}");
            }
        }
        console.MarkupLine($"[bold]Total: {card.Earned}/{card.Possible} points[/]");
        if (markdown is not null) AtomicFile.Write(markdown.FullName, s => s.Write(System.Text.Encoding.UTF8.GetBytes(card.ToMarkdown())));
        if (json is not null) AtomicFile.Write(json.FullName, s => s.Write(System.Text.Encoding.UTF8.GetBytes(card.ToJson())));
        return card.Earned == card.Possible ? 0 : 1;
    }
}
