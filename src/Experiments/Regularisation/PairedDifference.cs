using Verification.Experiments.Claims;

namespace Verification.Experiments.Regularisation;

/// <summary>
/// A comparison of two arms over the same seeds: the per-seed differences <c>dᵢ = aᵢ − bᵢ</c>, their mean and the mean's
/// standard error <c>sd(d)/√n</c>. Pairing removes what the seed shares between the arms (data, initial weights), so the
/// standard error is that of the regulariser's effect, not of the seeds.
/// </summary>
public sealed record PairedDifference(double[] Differences)
{
    /// <summary>How many standard errors a mean difference must clear to count as measured, not noise (≈ 95% one-sided at n = 5 is 2.1).</summary>
    public const double Significance = 2;

    /// <summary>The differences of <paramref name="a"/> and <paramref name="b"/>, seed by seed.</summary>
    public static PairedDifference Of(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Count < 2)
        {
            throw new ArgumentException(
                $"a paired comparison needs two arms measured on the same seeds (at least 2), but got {a.Count} and {b.Count}.",
                nameof(b));
        }
        return new PairedDifference(a.Zip(b, (x, y) => x - y).ToArray());
    }

    /// <summary>The mean difference.</summary>
    public double Mean => Differences.Average();

    /// <summary>The standard error of <see cref="Mean"/>: <c>sd(d)/√n</c>.</summary>
    public double StandardError => SeedStatistics.Sd(Differences) / Math.Sqrt(Differences.Length);

    /// <summary>
    /// True when the first arm is ahead by more than <see cref="Significance"/> standard errors (or, when every seed gives
    /// the same difference, by any margin).
    /// </summary>
    public bool ClearlyPositive => Mean > Significance * StandardError && Mean > 0;

    /// <summary>True when the first arm is behind by more than <see cref="Significance"/> standard errors.</summary>
    public bool ClearlyNegative => Mean < -Significance * StandardError && Mean < 0;

    /// <summary>How many seeds favour the first arm.</summary>
    public int Wins => Differences.Count(d => d > 0);

    /// <summary>The verdict of "the first arm is better": holds when clearly positive, qualitatively when positive on the mean.</summary>
    public Verdict FirstIsBetter => Judge.From(ClearlyPositive, Mean > 0);

    /// <summary>The difference in points as the ledger prints it: <c>+1.3 ± 0.4 points (4 of 5 seeds)</c>.</summary>
    public string Text =>
        $"{SeedStatistics.SignedPoints(Mean)} ± {Judge.Number(100 * StandardError, 1)} points ({Wins} of {Differences.Length} seeds ahead)";
}
