using Verification.Core;
using Verification.Core.Documents;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Regularisation;

/// <summary>
/// 001_9b6fb180196b46a2.txt's rate guidance on document 000's network: "p &gt; 0.5 often hurts more than helps. Start with
/// 0.3" and "0.3–0.5 … standard choice for most problems". Rates 0.1 … 0.9 in both hidden blocks, five seeds each
/// (<see cref="RegulariserRuns"/>), with the accuracy-against-rate curve as a figure.
/// </summary>
public sealed class DropoutRateClaims : IClaimSet, IPlottable
{
    /// <summary>The figure's file name.</summary>
    public const string FigureFile = "001-dropout-rates.png";

    /// <summary>The rate the document says to start with, which the rates above 0.5 are compared to.</summary>
    public const double StartingRate = 0.3;

    private const string Source = CourseDocuments.Document001;
    private IReadOnlyList<Figure> _figures = [];

    /// <summary>The rates measured.</summary>
    public static IReadOnlyList<double> Rates { get; } = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

    /// <inheritdoc/>
    public string Name => "001-dropout-rates";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<Figure> Figures => _figures;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var runs = RegulariserRuns.Over(stack, [.. Rates.Select(RegulariserArm.Dropout), RegulariserArm.None]);
        var byRate = runs.Take(Rates.Count).ToArray();
        var none = runs[^1];
        _figures = [Plot(byRate, none)];
        return Rows(byRate, none);
    }

    /// <summary>Judges both claims; <paramref name="byRate"/> holds the runs of each of <see cref="Rates"/>, in order.</summary>
    public static IReadOnlyList<ClaimRow> Rows(IReadOnlyList<IReadOnlyList<ArmRun>> byRate, IReadOnlyList<ArmRun> none)
    {
        ArgumentNullException.ThrowIfNull(byRate);
        ArgumentNullException.ThrowIfNull(none);
        if (byRate.Count != Rates.Count)
        {
            throw new ArgumentException($"expected runs for the {Rates.Count} rates 0.1…0.9, but got {byRate.Count}.", nameof(byRate));
        }
        double[][] accuracy = byRate.Select(SeedStatistics.Validation).ToArray();
        double[] start = accuracy[IndexOf(StartingRate)];
        var high = Enumerable.Range(0, Rates.Count).Where(i => Rates[i] > 0.5).ToArray();
        var drops = high.Select(i => PairedDifference.Of(accuracy[i], start)).ToArray();
        string dropsText = string.Join("; ", high.Select((i, k) => $"p {RegulariserArm.Rate(Rates[i])}: {drops[k].Text}"));

        double[] means = accuracy.Select(a => a.Average()).ToArray();
        int best = Array.IndexOf(means, means.Max());
        double bestRate = Rates[best];
        string curve = string.Join(", ", Rates.Select((p, i) => $"{RegulariserArm.Rate(p)}: {Judge.Percent(means[i])}"));
        return
        [
            ClaimRow.Of(Source, "rates-above-half-hurt",
                "Dropout rates above 0.5 hurt more than they help: each reaches a lower validation accuracy than the suggested start, " +
                    $"p = {StartingRate}.",
                "p > 0.5 hurts",
                $"against p {StartingRate} ({SeedStatistics.MeanSd(start)}): {dropsText}",
                Judge.From(drops.All(d => d.ClearlyNegative), drops.All(d => d.Mean < 0)),
                RegulariserRuns.Setup + "Rule, fixed before the run: holds if every rate 0.6–0.9 is below p 0.3 by more than 2 " +
                "standard errors of the paired difference; holds qualitatively if every one is below on the mean; does not hold " +
                $"otherwise. Mean training accuracy at p 0.6–0.9: {string.Join(", ", high.Select(i => Judge.Percent(Train(byRate[i]))))}: " +
                "a rate hurts here once the 256-wide layers can no longer fit the 60 training samples."),
            ClaimRow.Of(Source, "rates-best-in-standard-range",
                "The best dropout rate lies in the standard range 0.3–0.5.",
                "0.3–0.5",
                $"best mean at p {RegulariserArm.Rate(bestRate)} (mean validation accuracy {curve}; " +
                    $"none {SeedStatistics.MeanSd(SeedStatistics.Validation(none))})",
                Judge.From(bestRate is >= 0.3 and <= 0.5, bestRate is >= 0.2 and <= 0.6),
                RegulariserRuns.Setup + "Rule, fixed before the run: holds if the rate with the highest mean validation accuracy is " +
                "0.3, 0.4 or 0.5; holds qualitatively if it is the neighbour 0.2 or 0.6; does not hold otherwise. The means are " +
                "close against their spread, so the best rate is read with the figure's per-seed points."),
        ];
    }

    /// <summary>Mean train and validation accuracy against the rate, each seed's validation accuracy as markers, no dropout as a flat line.</summary>
    public static Figure Plot(IReadOnlyList<IReadOnlyList<ArmRun>> byRate, IReadOnlyList<ArmRun> none)
    {
        ArgumentNullException.ThrowIfNull(byRate);
        ArgumentNullException.ThrowIfNull(none);
        double[] rates = Rates.ToArray();
        var perSeedX = new List<double>();
        var perSeedY = new List<double>();
        for (int i = 0; i < rates.Length; i++)
        {
            foreach (var run in byRate[i])
            {
                perSeedX.Add(rates[i]);
                perSeedY.Add(run.ValidationAccuracy);
            }
        }
        double noDropout = none.Average(r => (double)r.ValidationAccuracy);
        return new Figure(FigureFile, $"Dropout rate on document 000's network ({Source})",
        [
            new FigurePanel($"seeds {RegulariserRuns.Seeds[0]}–{RegulariserRuns.Seeds[^1]}, {RegulariserRuns.Epochs} epochs", "dropout rate p",
                "accuracy",
            [
                new FigureSeries("train (mean)", rates, byRate.Select(r => r.Average(x => (double)x.TrainAccuracy)).ToArray()),
                new FigureSeries("validation (mean)", rates, byRate.Select(r => r.Average(x => (double)x.ValidationAccuracy)).ToArray()),
                new FigureSeries("validation (each seed)", perSeedX.ToArray(), perSeedY.ToArray(), SeriesKind.Markers),
                new FigureSeries("validation without dropout (mean)", [rates[0], rates[^1]], [noDropout, noDropout]),
            ]),
        ]);
    }

    private static double Train(IReadOnlyList<ArmRun> runs) => runs.Average(r => (double)r.TrainAccuracy);

    private static int IndexOf(double rate) => Rates.Select((p, i) => (p, i)).Single(t => Math.Abs(t.p - rate) < 1e-12).i;
}
