using Verification.Core;
using Verification.Core.Documents;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Regularisation;

/// <summary>
/// 001_9b6fb180196b46a2.txt's best practice, "Dropout + L2 regularization + Early stopping … complement each other",
/// measured on document 000's overfitting problem (<see cref="RegulariserRuns"/>, five seeds): the three together against
/// each alone, paired seed by seed on validation accuracy.
/// </summary>
public sealed class CombinationClaims : IClaimSet, IPlottable
{
    /// <summary>The figure's file name.</summary>
    public const string FigureFile = "001-combined-regularisers.png";

    private const string Source = CourseDocuments.Document001;
    private IReadOnlyList<Figure> _figures = [];

    /// <inheritdoc/>
    public string Name => "001-combined-regularisers";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<Figure> Figures => _figures;

    /// <summary>The arms compared, in the figure's order: none, each alone, the three together.</summary>
    public static IReadOnlyList<RegulariserArm> Arms { get; } =
        [RegulariserArm.None, RegulariserArm.Dropout(RegulariserArm.DocumentRate), RegulariserArm.L2, RegulariserArm.EarlyStopping,
            RegulariserArm.Combined];

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var runs = RegulariserRuns.Over(stack, Arms);
        _figures = [Curves(Arms, runs)];
        return Rows(runs[1], runs[2], runs[3], runs[4]);
    }

    /// <summary>
    /// Judges the combination (<paramref name="combined"/>) against each regulariser alone, the runs of every arm in the
    /// same seed order.
    /// </summary>
    public static IReadOnlyList<ClaimRow> Rows(IReadOnlyList<ArmRun> dropout, IReadOnlyList<ArmRun> l2, IReadOnlyList<ArmRun> earlyStopping,
        IReadOnlyList<ArmRun> combined)
    {
        ArgumentNullException.ThrowIfNull(combined);
        double[] together = SeedStatistics.Validation(combined);
        return
        [
            Row("combined-beats-dropout", "Dropout(0.4) alone", together, dropout, ""),
            Row("combined-beats-l2", $"the L2 penalty alone (λ = {Judge.Number(RegulariserArm.DocumentLambda, 3)})", together, l2, ""),
            Row("combined-beats-early-stopping", $"early stopping alone (patience {RegulariserArm.DocumentPatience})", together, earlyStopping,
                $"; early stopping alone {SeedStatistics.EpochsTrained(earlyStopping)}, together {SeedStatistics.EpochsTrained(combined)}"),
        ];
    }

    private static ClaimRow Row(string topic, string alone, double[] together, IReadOnlyList<ArmRun> single, string epochs)
    {
        ArgumentNullException.ThrowIfNull(single);
        double[] other = SeedStatistics.Validation(single);
        var d = PairedDifference.Of(together, other);
        return ClaimRow.Of(Source, topic,
            $"Dropout + L2 + early stopping together reach a higher validation accuracy than {alone}: they complement each other.",
            "better together (no number)",
            $"{SeedStatistics.MeanSd(together)} together vs {SeedStatistics.MeanSd(other)}; paired difference {d.Text}{epochs}",
            d.FirstIsBetter,
            RegulariserRuns.Setup + "Rule, fixed before the run: holds if the paired mean difference exceeds " +
            $"{PairedDifference.Significance} standard " +
            "errors; holds qualitatively if it is positive but within them; does not hold if it is zero or negative.");
    }

    /// <summary>Mean validation accuracy over the seeds, every <see cref="RegulariserRuns.CurveEvery"/> epochs, one line per arm.</summary>
    public static Figure Curves(IReadOnlyList<RegulariserArm> arms, IReadOnlyList<IReadOnlyList<ArmRun>> runs)
    {
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(runs);
        var series = new List<FigureSeries>();
        for (int a = 0; a < arms.Count; a++)
        {
            int points = runs[a][0].ValidationCurve.Length;
            double[] x = Enumerable.Range(1, points).Select(i => (double)(i * RegulariserRuns.CurveEvery)).ToArray();
            double[] y = Enumerable.Range(0, points).Select(i => runs[a].Average(r => r.ValidationCurve[i])).ToArray();
            series.Add(new FigureSeries(arms[a].Name, x, y));
        }
        return new Figure(FigureFile, $"Regularisers alone and together ({Source})",
        [
            new FigurePanel($"document 000's problem, mean of seeds {RegulariserRuns.Seeds[0]}–{RegulariserRuns.Seeds[^1]}", "epoch",
                "validation accuracy", series),
        ]);
    }
}
