using Verification.Core;
using Verification.Core.Documents;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Regularisation;

/// <summary>
/// 003_8edb894460b127c3.txt's limitation: "On small datasets, L2 regularization (weight decay) or early stopping are
/// more appropriate" than dropout, whose ensemble effect "doesn't materialize" below about 1,000 samples. Measured on
/// document 000's 60 training samples (<see cref="RegulariserRuns"/>, five seeds), paired seed by seed.
/// </summary>
public sealed class SmallDataClaims : IClaimSet
{
    private const string Source = CourseDocuments.Document003;

    /// <inheritdoc/>
    public string Name => "003-small-data-regularisers";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var runs = RegulariserRuns.Over(stack,
            [RegulariserArm.None, RegulariserArm.Dropout(RegulariserArm.DocumentRate), RegulariserArm.L2, RegulariserArm.EarlyStopping]);
        return Rows(runs[0], runs[1], runs[2], runs[3]);
    }

    /// <summary>Judges the three claims; every argument holds one arm's runs in the same seed order.</summary>
    public static IReadOnlyList<ClaimRow> Rows(IReadOnlyList<ArmRun> none, IReadOnlyList<ArmRun> dropout, IReadOnlyList<ArmRun> l2,
        IReadOnlyList<ArmRun> earlyStopping)
    {
        double[] withDropout = SeedStatistics.Validation(dropout);
        double[] withL2 = SeedStatistics.Validation(l2);
        double[] withStopping = SeedStatistics.Validation(earlyStopping);
        double[] without = SeedStatistics.Validation(none);
        var l2Gain = PairedDifference.Of(withL2, withDropout);
        var stoppingGain = PairedDifference.Of(withStopping, withDropout);
        var dropoutGain = PairedDifference.Of(withDropout, without);
        const string rule = "Rule, fixed before the run: holds if the paired mean difference exceeds " +
            "2 standard errors; holds qualitatively if it is positive but within them; does not hold if it is zero or negative.";
        return
        [
            ClaimRow.Of(Source, "small-data-l2-over-dropout",
                "On a small training set (60 samples), the L2 penalty reaches a higher validation accuracy than Dropout(0.4).",
                "L2 more appropriate (no number)",
                $"L2 {SeedStatistics.MeanSd(withL2)} vs dropout {SeedStatistics.MeanSd(withDropout)}; paired difference {l2Gain.Text}",
                l2Gain.FirstIsBetter, RegulariserRuns.Setup + rule),
            ClaimRow.Of(Source, "small-data-early-stopping-over-dropout",
                "On a small training set (60 samples), early stopping reaches a higher validation accuracy than Dropout(0.4).",
                "early stopping more appropriate (no number)",
                $"early stopping {SeedStatistics.MeanSd(withStopping)} vs dropout {SeedStatistics.MeanSd(withDropout)}; paired difference " +
                    $"{stoppingGain.Text}; early stopping {SeedStatistics.EpochsTrained(earlyStopping)}",
                stoppingGain.FirstIsBetter, RegulariserRuns.Setup + rule + " Early stopping keeps the weights of the lowest held-out " +
                "loss; on 60 samples that minimum comes early, while validation accuracy is still rising (see the figure of " +
                "001-combined-regularisers), so the stopped network is the less accurate one."),
            ClaimRow.Of(Source, "small-data-dropout-ineffective",
                "On a small training set (60 samples), dropout's ensemble effect does not materialise: Dropout(0.4) gains nothing " +
                    "measurable over no regulariser.",
                "no gain below ~1,000 samples",
                $"dropout {SeedStatistics.MeanSd(withDropout)} vs none {SeedStatistics.MeanSd(without)}; paired difference {dropoutGain.Text}",
                Judge.From(!dropoutGain.ClearlyPositive),
                RegulariserRuns.Setup + "Rule, fixed before the run: holds unless dropout's paired gain over no regulariser exceeds " +
                "2 standard errors (a measurable gain contradicts the claim)."),
        ];
    }
}
