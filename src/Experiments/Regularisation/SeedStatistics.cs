using Verification.Experiments.Claims;

namespace Verification.Experiments.Regularisation;

/// <summary>Means and standard deviations over seeds, and the ledger's formatting of them.</summary>
public static class SeedStatistics
{
    /// <summary>The sample standard deviation (n − 1).</summary>
    public static double Sd(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2) return 0;
        double mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
    }

    /// <summary>Accuracies as <c>76.1% ± 1.2</c> (mean ± sd in points).</summary>
    public static string MeanSd(IReadOnlyList<double> accuracies)
    {
        ArgumentNullException.ThrowIfNull(accuracies);
        return $"{Judge.Percent(accuracies.Average())} ± {Judge.Number(100 * Sd(accuracies), 1)}";
    }

    /// <summary>A fraction as signed points: <c>0.013 → "+1.3"</c>.</summary>
    public static string SignedPoints(double fraction) => (fraction >= 0 ? "+" : "") + Judge.Number(100 * fraction, 1);

    /// <summary>How long early-stopped runs trained, patience included: <c>"trained 52–71 epochs (mean 63)"</c>.</summary>
    public static string EpochsTrained(IReadOnlyList<ArmRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        string mean = Judge.Number(runs.Average(r => r.EpochsTrained), 0);
        return $"trained {runs.Min(r => r.EpochsTrained)}–{runs.Max(r => r.EpochsTrained)} epochs (mean {mean})";
    }

    /// <summary>The validation accuracies of <paramref name="runs"/>, in seed order.</summary>
    public static double[] Validation(IEnumerable<ArmRun> runs) => runs.Select(r => (double)r.ValidationAccuracy).ToArray();
}
