using System.Diagnostics;
using Verification.Core;

namespace Verification.Experiments.Claims;

/// <summary>One claim set's outcome: its rows, its figures (if it has any) and how long it took.</summary>
public sealed record ClaimSetResult(string Name, string Document, IReadOnlyList<ClaimRow> Rows, IReadOnlyList<Figure> Figures, TimeSpan Elapsed);

/// <summary>The whole ledger, run on one stack.</summary>
public sealed record Ledger(string StackName, IReadOnlyList<ClaimSetResult> Sets)
{
    /// <summary>Every row, in set order.</summary>
    public IReadOnlyList<ClaimRow> Rows => Sets.SelectMany(s => s.Rows).ToArray();

    /// <summary>Every figure, in set order.</summary>
    public IReadOnlyList<Figure> Figures => Sets.SelectMany(s => s.Figures).ToArray();
}

/// <summary>Runs claim sets on a stack and collects the ledger.</summary>
public static class ClaimsLedger
{
    /// <summary>
    /// Runs <paramref name="sets"/> (default: <see cref="ClaimCatalog.Create"/>) in order on <paramref name="stack"/>.
    /// <paramref name="progress"/> hears each set's name before it starts and after it ends.
    /// </summary>
    public static Ledger Run(IStack stack, IReadOnlyList<IClaimSet>? sets = null, Action<IClaimSet, bool>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(stack);
        sets ??= ClaimCatalog.Create();
        var results = new List<ClaimSetResult>(sets.Count);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var set in sets)
        {
            progress?.Invoke(set, false);
            var clock = Stopwatch.StartNew();
            var rows = set.Run(stack);
            clock.Stop();
            foreach (var row in rows)
            {
                if (!ids.Add(row.Id))
                {
                    throw new InvalidOperationException($"claim id '{row.Id}' appears twice in the ledger; ids must be unique.");
                }
            }
            var figures = set is IPlottable plottable ? plottable.Figures : [];
            results.Add(new ClaimSetResult(set.Name, set.Document, rows, figures, clock.Elapsed));
            progress?.Invoke(set, true);
        }
        return new Ledger(stack.Name, results);
    }
}
