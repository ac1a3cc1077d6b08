using Verification.Core;
using Verification.Optimized;
using Verification.Reference;

namespace Verification.Properties.Support;

/// <summary>The implementations every parity and cross-check test runs, by name.</summary>
public static class Stacks
{
    /// <summary>Every implementation's name.</summary>
    public static IReadOnlyList<string> Names() => ["reference", "optimized"];

    /// <summary>The implementation named <paramref name="name"/>.</summary>
    public static IStack ByName(string name) => name switch
    {
        "reference" => ReferenceStack.Instance,
        "optimized" => new OptimizedStack(),
        _ => throw new ArgumentException($"unknown stack '{name}'", nameof(name)),
    };
}
