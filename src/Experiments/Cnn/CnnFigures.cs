using System.Globalization;
using Verification.Core.Training;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Cnn;

/// <summary>Curves of the digits-CNN claims: a metric's mean over seeds at each epoch.</summary>
public static class CnnFigures
{
    /// <summary>The mean over <paramref name="runs"/> of <paramref name="metric"/>, epoch by epoch.</summary>
    public static FigureSeries Mean(string label, IReadOnlyList<CnnRun> runs, Func<EpochRecord, double> metric)
    {
        var summaries = CnnDropoutRuns.PerEpoch(runs, metric);
        return new FigureSeries(label, Enumerable.Range(1, summaries.Length).Select(e => (double)e).ToArray(),
            summaries.Select(s => s.Mean).ToArray());
    }

    /// <summary>A rate as a label: <c>0.2 → "0.2"</c>.</summary>
    public static string Rate(double p) => p.ToString("0.0#", CultureInfo.InvariantCulture);

    /// <summary>A mean accuracy and its sd over seeds: <c>"93.1% ± 0.8"</c> (the sd in percentage points).</summary>
    public static string Accuracy(SeedSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return $"{Judge.Percent(s.Mean)} ± {Judge.Number(100 * s.StandardDeviation, 1)}";
    }

    /// <summary>A mean difference of accuracies and its sd over seeds: <c>"5.2 points ± 1.1"</c>.</summary>
    public static string Points(SeedSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return $"{Judge.Points(s.Mean)} ± {Judge.Number(100 * s.StandardDeviation, 1)}";
    }
}
