using System.CommandLine;
using Spectre.Console;
using Verification.Experiments.Claims;

namespace Verification.Lab.Commands;

/// <summary>
/// <c>experiments [NAME] [--impl reference|optimized]</c>: runs one claim set of the ledger and prints its full table
/// (with how each verdict is judged). Without NAME, lists the sets. Exit code 0, or 2 for an unknown name.
/// </summary>
public static class ExperimentsCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var name = new Argument<string?>("NAME") { Description = "The claim set to run (omit to list them).", Arity = ArgumentArity.ZeroOrOne };
        var impl = StackOption.Single();
        impl.DefaultValueFactory = _ => "optimized";
        var command = new Command("experiments", "Run one claim set of the ledger and print its full table.") { name, impl };
        command.SetAction(parse => Run(console, parse.GetValue(name), parse.GetValue(impl)!));
        return command;
    }

    /// <summary>Runs or lists; see the class summary for the exit codes.</summary>
    public static int Run(IAnsiConsole console, string? name, string impl)
    {
        ArgumentNullException.ThrowIfNull(console);
        if (string.IsNullOrWhiteSpace(name))
        {
            List(console);
            return 0;
        }
        var set = ClaimCatalog.Find(name);
        if (set is null)
        {
            console.MarkupLineInterpolated($"[red]unknown claim set '{name}'.[/]");
            List(console);
            return 2;
        }
        var stack = StackOption.Resolve(impl)[0];
        console.MarkupLineInterpolated($"[bold]{set.Name}[/] ({set.Document}) on the {stack.Name} stack");
        var ledger = ClaimsLedger.Run(stack, [set]);
        console.Write(ClaimsCommand.LedgerTable(ledger.Rows, withNotes: true));
        console.MarkupLineInterpolated($"{ledger.Rows.Count} claims in {ledger.Sets[0].Elapsed.TotalSeconds:0.0} s.");
        return 0;
    }

    private static void List(IAnsiConsole console)
    {
        var table = new Table().AddColumns("name", "document");
        foreach (var set in ClaimCatalog.Create())
        {
            table.AddRow(Markup.Escape(set.Name), Markup.Escape(set.Document));
        }
        console.Write(table);
    }
}
