using Verification.Core;
using Verification.Optimized;
using Verification.Reference;

namespace Verification;

/// <summary>
/// The two implementations of <see cref="IStack"/>, by the names <c>--impl</c> accepts: the one place the Lab, the
/// tests and the benchmarks look them up.
/// </summary>
public static class Stacks
{
    private static readonly IReadOnlyList<string> AllNames = ["reference", "optimized"];

    /// <summary>The readable stack.</summary>
    public static IStack Reference => ReferenceStack.Instance;

    /// <summary>The fast stack (it holds no state of its own, so one instance serves every caller).</summary>
    public static IStack Optimized { get; } = new OptimizedStack();

    /// <summary>Every implementation's name, Reference first.</summary>
    public static IReadOnlyList<string> Names() => AllNames;

    /// <summary>The stack named <paramref name="name"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is neither <c>reference</c> nor <c>optimized</c>.</exception>
    public static IStack ByName(string name) => name switch
    {
        "reference" => Reference,
        "optimized" => Optimized,
        _ => throw new ArgumentException($"unknown implementation '{name}': expected reference or optimized.", nameof(name)),
    };
}
