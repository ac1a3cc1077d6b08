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
    /// <summary>Parses <paramref name="args"/>, runs the command and returns its exit code.</summary>
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
        return root.Parse(args).Invoke();
    }
}
