using Verification.Core;
using Verification.Optimized;
using Verification.Reference;

namespace Verification.Lab;

/// <summary>The implementations the Lab can run, by the names <c>--impl</c> accepts.</summary>
public static class Stacks
{
    /// <summary>The readable stack.</summary>
    public static IStack Reference => ReferenceStack.Instance;

    /// <summary>The fast stack.</summary>
    public static IStack Optimized { get; } = new OptimizedStack();

    /// <summary>The stack named <paramref name="name"/>.</summary>
    public static IStack ByName(string name) => name switch
    {
        "reference" => Reference,
        "optimized" => Optimized,
        _ => throw new ArgumentException($"unknown implementation '{name}': expected reference or optimized.", nameof(name)),
    };
}
