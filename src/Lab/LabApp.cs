using System.CommandLine;
using Spectre.Console;
using Verification.Lab.Commands;

namespace Verification.Lab;

/// <summary>
/// The command line. With no command it runs the main job: the first document's overfitting experiment.
/// Every command writes to the console it is given, so tests run the commands in-process.
/// </summary>
public static class LabApp
{
    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code (2 for a usage error).</summary>
    public static int Run(string[] args, IAnsiConsole console)
    {
        var root = new RootCommand("Verification Lab: dropout and regularisation, re-run and checked against PyTorch.");
        var overfitting = OverfittingCommand.Create(console);
        foreach (var option in overfitting.Options)
        {
            root.Options.Add(option);
        }
        root.Action = overfitting.Action;
        root.Subcommands.Add(overfitting);
        root.Subcommands.Add(ParityCommand.Create(console));
        root.Subcommands.Add(GradeCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        root.Subcommands.Add(ClaimsCommand.Create(console));
        root.Subcommands.Add(ExperimentsCommand.Create(console));
        root.Subcommands.Add(IsaCommand.Create(console));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // Usage errors (unknown options, values out of range) go to the same console as the output, with exit
            // code 2, so a script and a test see them alike.
            foreach (var error in parsed.Errors)
            {
                console.MarkupLineInterpolated($"[red]{error.Message}[/]");
            }
            console.MarkupLine("Run with --help for the options.");
            return 2;
        }
        return parsed.Invoke();
    }
}
