using System.Globalization;

namespace Verification.Experiments.Claims;

/// <summary>
/// The arithmetic of verdicts and the invariant formatting of measured values. A tolerance comes from the claim
/// (the printed precision, the sampling error of the document's own sample size, the stated ordering), never from
/// the measured value.
/// </summary>
public static class Judge
{
    /// <summary>Holds when <paramref name="holds"/>; else holds qualitatively when <paramref name="direction"/>; else does not hold.</summary>
    public static Verdict From(bool holds, bool direction = false) =>
        holds ? Verdict.Holds : direction ? Verdict.HoldsQualitatively : Verdict.DoesNotHold;

    /// <summary><c>|measured − claimed| ≤ tolerance</c>.</summary>
    public static bool Within(double measured, double claimed, double tolerance) => Math.Abs(measured - claimed) <= tolerance;

    /// <summary><c>|measured − claimed| ≤ relative · |claimed|</c>.</summary>
    public static bool WithinRelative(double measured, double claimed, double relative) =>
        Math.Abs(measured - claimed) <= relative * Math.Abs(claimed);

    /// <summary>The standard deviation of a count of successes in <paramref name="n"/> trials: <c>√(n·p·(1 − p))</c>.</summary>
    public static double BinomialSd(int n, double p) => Math.Sqrt(n * p * (1 - p));

    /// <summary>The standard deviation of an accuracy measured on <paramref name="n"/> samples: <c>√(a·(1 − a)/n)</c>.</summary>
    public static double AccuracySd(double accuracy, int n) => Math.Sqrt(accuracy * (1 - accuracy) / n);

    /// <summary>
    /// The paired difference <c>treated[s] − control[s]</c> over seeds s (at least two, same order in both lists): the
    /// rule for any claim that compares two seeded runs, instead of one pair judged against one accuracy's sampling sd.
    /// </summary>
    public static PairedDifference Paired(IReadOnlyList<double> treated, IReadOnlyList<double> control)
    {
        ArgumentNullException.ThrowIfNull(treated);
        ArgumentNullException.ThrowIfNull(control);
        if (treated.Count != control.Count)
        {
            throw new ArgumentException($"expected one control per treated run, but got {treated.Count} and {control.Count}.", nameof(control));
        }
        if (treated.Count < 2)
        {
            throw new ArgumentException($"a paired difference needs at least 2 seeds for its standard error, but got {treated.Count}.",
                nameof(treated));
        }
        return new PairedDifference(treated.Select((t, i) => t - control[i]).ToArray());
    }

    /// <summary>A paired difference in points: <c>"−0.5 ± 0.3 points (95%: −1.3 to 0.3, 5 seeds)"</c>.</summary>
    public static string Points(PairedDifference difference)
    {
        ArgumentNullException.ThrowIfNull(difference);
        return $"{Number(100 * difference.Mean, 1)} ± {Number(100 * difference.StandardError, 1)} points (95%: " +
            $"{Number(100 * difference.Lower, 1)} to {Number(100 * difference.Upper, 1)}, {Count(difference.Count)} seeds)";
    }

    /// <summary>A fraction as a percentage with one decimal: <c>0.755 → "75.5%"</c>.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A fraction as a percentage with <paramref name="decimals"/> decimals: <c>(0.7552, 2) → "75.52%"</c>.</summary>
    public static string Percent(double fraction, int decimals) => Number(100 * fraction, decimals) + "%";

    /// <summary>Percentage points with one decimal: <c>0.245 → "24.5 points"</c>.</summary>
    public static string Points(double fraction) => (fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + " points";

    /// <summary><paramref name="value"/> with <paramref name="decimals"/> decimals, invariant culture.</summary>
    public static string Number(double value, int decimals) =>
        value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>A vector as NumPy-like text with <paramref name="decimals"/> decimals: <c>[0.72, 0, 0.84, 0]</c>.</summary>
    public static string Vector(IEnumerable<double> values, int decimals) =>
        "[" + string.Join(", ", values.Select(v => v == 0 ? "0" : Number(v, decimals))) + "]";

    /// <summary>A vector of floats; see <see cref="Vector(IEnumerable{double}, int)"/>.</summary>
    public static string Vector(IEnumerable<float> values, int decimals) => Vector(values.Select(v => (double)v), decimals);

    /// <summary>A vector as NumPy prints a rounded array, space-separated: <c>[0.720 0.000 0.840]</c>.</summary>
    public static string NumpyArray(IEnumerable<float> values, int decimals) =>
        "[" + string.Join(" ", values.Select(v => Number(v, decimals))) + "]";

    /// <summary>An integer, invariant culture.</summary>
    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
