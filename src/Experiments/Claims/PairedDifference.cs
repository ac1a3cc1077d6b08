namespace Verification.Experiments.Claims;

/// <summary>
/// The difference between two arms (treated − control) measured on the same seeds, one pair per seed: its mean, its
/// standard error <c>sd(d)/√k</c> and the two-sided 95% Student-t interval <c>mean ± t₀.₉₇₅,ₖ₋₁·se</c>. Pairing removes
/// what a seed does to both arms alike (the data split, the initial weights), so the interval measures the effect
/// and its own noise, not one accuracy's sampling error.
/// </summary>
public sealed record PairedDifference(IReadOnlyList<double> Differences)
{
    /// <summary>How many standard errors a mean difference must clear to count as measured, not noise (≈ 95% one-sided at n = 5 is 2.1).</summary>
    public const double Significance = 2;

    /// <summary>The differences <c>aᵢ − bᵢ</c> of <paramref name="a"/> and <paramref name="b"/>, seed by seed.</summary>
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

    /// <summary>The number of seeds.</summary>
    public int Count => Differences.Count;

    /// <summary>The mean difference.</summary>
    public double Mean => Differences.Average();

    /// <summary><c>sd(d)/√k</c> with the sample standard deviation (k − 1 in the denominator).</summary>
    public double StandardError
    {
        get
        {
            double mean = Mean;
            double variance = Differences.Sum(d => (d - mean) * (d - mean)) / (Count - 1);
            return Math.Sqrt(variance / Count);
        }
    }

    /// <summary>The lower end of the 95% interval.</summary>
    public double Lower => Mean - StudentT975(Count - 1) * StandardError;

    /// <summary>The upper end of the 95% interval.</summary>
    public double Upper => Mean + StudentT975(Count - 1) * StandardError;

    /// <summary>The interval lies entirely below zero: a decrease is shown.</summary>
    public bool ShowsDecrease => Upper < 0;

    /// <summary>The interval lies entirely above zero: an increase is shown.</summary>
    public bool ShowsIncrease => Lower > 0;

    /// <summary>True when <paramref name="value"/> lies inside the 95% interval.</summary>
    public bool Admits(double value) => Lower <= value && value <= Upper;

    /// <summary>
    /// The 97.5% quantile of Student's t with <paramref name="degreesOfFreedom"/> (1–30, three decimals, as printed in
    /// every statistics table); above 30 the value for 30, which is slightly wider than the true one.
    /// </summary>
    public static double StudentT975(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return TQuantiles[Math.Min(degreesOfFreedom, TQuantiles.Length) - 1];
    }

    private static readonly double[] TQuantiles =
    [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ];

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

    /// <summary>The difference in points as the ledger prints it: <c>+1.3 ± 0.4 points (4 of 5 seeds ahead)</c>.</summary>
    public string Text =>
        $"{(Mean >= 0 ? "+" : "")}{Judge.Number(100 * Mean, 1)} ± {Judge.Number(100 * StandardError, 1)} points ({Wins} of {Count} seeds ahead)";
}
