using Verification.Core;
using Verification.Optimized;
using Xunit;

namespace Verification.Properties.Optimized;

/// <summary>
/// The implementations every golden test here runs through. After the merge add <c>ReferenceStack</c> here and every
/// golden parity test runs for it too; cross-checks Optimized ≡ Reference go in <see cref="CrossCheckRows"/>.
/// </summary>
public static class Stacks
{
    /// <summary>The stacks under test, by name.</summary>
    public static IStack ByName(string name) => name switch
    {
        "optimized" => new OptimizedStack(),
        // TODO(after merge): "reference" => new Verification.Reference.ReferenceStack(),
        _ => throw new ArgumentException($"unknown stack {name}", nameof(name)),
    };

    /// <summary>The names of the stacks under test.</summary>
    public static IReadOnlyList<string> Names() => ["optimized"];
}

/// <summary>
/// One row of the Optimized ≡ Reference cross-check table: a name, how to build each side, and the tolerance. The
/// rows are run by one driver through the same fixed checks (odd shapes, lengths around vector widths, forward and
/// backward). Empty until Reference is merged.
/// </summary>
public sealed record CrossCheckRow(string Name, Func<IStack, IModule> Build, OptimizedTolerances.Tolerance Forward, OptimizedTolerances.Tolerance Backward);

/// <summary>The table of cross-checks (filled after the merge).</summary>
public static class CrossCheckRows
{
    /// <summary>TODO(after merge): rows such as <c>new("Linear 37→19", s =&gt; s.Linear(37, 19, new(1)), LinearProduct, LinearProduct)</c>.</summary>
    public static IReadOnlyList<CrossCheckRow> All { get; } = [];
}
