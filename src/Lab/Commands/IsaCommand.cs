using System.CommandLine;
using Spectre.Console;
using Verification.Workloads;

namespace Verification.Lab.Commands;

/// <summary>
/// <c>isa [--expect LEVEL]</c>: prints the instruction-set level this process runs at (which of the Optimized
/// kernels' vector paths execute here), then the body each fused kernel runs and the product's path. With
/// <c>--expect</c> it exits 1 when the level differs, so a script that lowers the level with .NET's switches can prove
/// the switch took effect before it runs the tests again.
/// </summary>
public static class IsaCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(IAnsiConsole console)
    {
        var expect = new Option<string?>("--expect")
        {
            Description = "Exit 1 unless the level is this one: " + string.Join(", ", InstructionSetLevel.Names) + ".",
        };
        expect.AcceptOnlyFromAmong([.. InstructionSetLevel.Names]);
        var command = new Command("isa", "Print the instruction-set level the Optimized kernels run at here.") { expect };
        command.SetAction(parse => Run(console, parse.GetValue(expect)));
        return command;
    }

    /// <summary>Prints the level; returns 1 when <paramref name="expected"/> is given and differs.</summary>
    public static int Run(IAnsiConsole console, string? expected)
    {
        console.WriteLine(InstructionSetLevel.Describe());
        console.WriteLine(Verification.Optimized.KernelPaths.Describe());
        if (expected is null || expected == InstructionSetLevel.Current)
        {
            return 0;
        }
        console.MarkupLineInterpolated($"[red]expected level {expected} but this process runs at {InstructionSetLevel.Current}[/]");
        return 1;
    }
}
