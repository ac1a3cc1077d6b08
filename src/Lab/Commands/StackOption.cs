using System.CommandLine;
using Verification.Core;

namespace Verification.Lab.Commands;

/// <summary>The <c>--impl</c> option: which implementation of the stack a command runs.</summary>
public static class StackOption
{
    /// <summary><c>--impl reference|optimized</c>, default reference.</summary>
    public static Option<string> Single() => new("--impl")
    {
        Description = "The implementation to run: reference or optimized.",
        DefaultValueFactory = _ => "reference",
        Validators = { r => Validate(r, allowBoth: false) },
    };

    /// <summary><c>--impl reference|optimized|both</c>, default both.</summary>
    public static Option<string> SingleOrBoth() => new("--impl")
    {
        Description = "The implementation to check: reference, optimized or both.",
        DefaultValueFactory = _ => "both",
        Validators = { r => Validate(r, allowBoth: true) },
    };

    /// <summary>The stacks an <c>--impl</c> value names.</summary>
    public static IReadOnlyList<IStack> Resolve(string value) => value switch
    {
        "both" => [Stacks.Reference, Stacks.Optimized],
        _ => [Stacks.ByName(value)],
    };

    private static void Validate(System.CommandLine.Parsing.OptionResult result, bool allowBoth)
    {
        string? value = result.Tokens.Count > 0 ? result.Tokens[^1].Value : null;
        if (value is null || value == "reference" || value == "optimized" || (allowBoth && value == "both"))
        {
            return;
        }
        result.AddError($"--impl must be reference, optimized{(allowBoth ? " or both" : "")}, but got '{value}'.");
    }
}
