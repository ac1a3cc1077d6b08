using Verification.Core;
using Verification.Core.Documents;
using Verification.Core.Scripts;
using Verification.Core.Training;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Cnn;

/// <summary>
/// 002_91f9a1e79ea80b56.txt on dropout in convolutional layers ("on tiny datasets … dropout in convolutional layers can
/// destabilise training … often just slows convergence without improving generalisation … SpatialDropout2d with low
/// rates (0.1–0.2) is safer than standard Dropout"; 003_8edb894460b127c3.txt and 001_9b6fb180196b46a2.txt say the same of
/// spatial dropout): the digits CNN without dropout, with Dropout(0.2) and with Dropout2d(0.2) after each convolution's
/// ReLU, over the seeds of <see cref="CnnDropoutRuns"/>. Each rule compares means over seeds against twice the standard
/// error of their difference (<see cref="SeedSummary.DifferenceError"/>), so a verdict says what the seeds resolve.
/// </summary>
public sealed class ConvDropoutClaims : IClaimSet, IPlottable
{
    /// <summary>The rate of both dropout layers: the document's "low rate".</summary>
    public const double P = 0.2;

    /// <summary>The file name of the figure.</summary>
    public const string FigureFile = "002-cnn-conv-dropout.png";

    private const string Source = CourseDocuments.Document002;
    private IReadOnlyList<Figure> _figures = [];

    /// <inheritdoc/>
    public string Name => "002-cnn-conv-dropout";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<Figure> Figures => _figures;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var none = CnnDropoutRuns.Variant(stack, ConvDropout.None, 0);
        var dropout = CnnDropoutRuns.Variant(stack, ConvDropout.Dropout, P);
        var spatial = CnnDropoutRuns.Variant(stack, ConvDropout.Dropout2d, P);
        _figures = [Plot(none, dropout, spatial)];
        string seeds = $"{CnnDropoutRuns.Seeds} seeds, {CnnDropoutRuns.Epochs} epochs";

        var validationNone = CnnDropoutRuns.Final(none, r => r.ValidationAccuracy);
        var validationDropout = CnnDropoutRuns.Final(dropout, r => r.ValidationAccuracy);
        var validationSpatial = CnnDropoutRuns.Final(spatial, r => r.ValidationAccuracy);
        double safer = validationSpatial.Mean - validationDropout.Mean;
        double saferError = SeedSummary.DifferenceError(validationSpatial, validationDropout);
        var rows = new List<ClaimRow>
        {
            ClaimRow.Of(Source, "cnn-spatial-safer",
                "In convolutional layers, Dropout2d at a low rate is safer than element-wise Dropout: higher validation accuracy.",
                "Dropout2d (0.1–0.2) safer than Dropout",
                $"validation after {seeds}: Dropout2d(0.2) {CnnFigures.Accuracy(validationSpatial)}, " +
                    $"Dropout(0.2) {CnnFigures.Accuracy(validationDropout)}; " +
                    $"difference {Judge.Points(safer)} (2 SE = {Judge.Points(2 * saferError)})",
                Judge.From(safer > 2 * saferError, safer > 0),
                "Rule, fixed before the run: the difference of the mean final validation accuracies (Dropout2d − Dropout) above twice " +
                "its standard error holds; above 0 but within it holds qualitatively; at or below 0 does not hold. The digits are " +
                "8×8 and the first layer has only 8 channels, so one dropped channel removes an eighth of the features."),
        };

        var trainNone = CnnDropoutRuns.PerEpoch(none, r => r.TrainAccuracy);
        var trainDropout = CnnDropoutRuns.PerEpoch(dropout, r => r.TrainAccuracy);
        var trainSpatial = CnnDropoutRuns.PerEpoch(spatial, r => r.TrainAccuracy);
        int middle = CnnDropoutRuns.Epochs / 2 - 1;
        bool slower = trainDropout[middle].Mean < trainNone[middle].Mean && trainSpatial[middle].Mean < trainNone[middle].Mean;
        bool noGain = NoBetter(validationDropout, validationNone) && NoBetter(validationSpatial, validationNone);
        rows.Add(ClaimRow.Of(Source, "cnn-dropout-no-gain",
            "On a tiny image set, dropout in the convolutional layers slows convergence without improving generalisation.",
            "slower, no better (fewer than ~10k images)",
            $"training accuracy at epoch {middle + 1}: none {CnnFigures.Accuracy(trainNone[middle])}, " +
                $"Dropout {CnnFigures.Accuracy(trainDropout[middle])}, " +
                $"Dropout2d {CnnFigures.Accuracy(trainSpatial[middle])}; final validation: none {CnnFigures.Accuracy(validationNone)}",
            Judge.From(slower && noGain, slower || noGain),
            "Rule, fixed before the run: slower means both dropout variants' mean training accuracy at the middle epoch below " +
            "none's; no better means neither variant's mean final validation accuracy above none's by more than twice the " +
            "standard error of the difference. Both hold; one holds qualitatively; neither does not hold. 1,000 training digits."));

        var gapNone = CnnDropoutRuns.Final(none, r => r.Gap);
        var gapDropout = CnnDropoutRuns.Final(dropout, r => r.Gap);
        var gapSpatial = CnnDropoutRuns.Final(spatial, r => r.Gap);
        double narrowerDropout = gapNone.Mean - gapDropout.Mean, narrowerSpatial = gapNone.Mean - gapSpatial.Mean;
        bool resolved = narrowerDropout > 2 * SeedSummary.DifferenceError(gapNone, gapDropout)
            && narrowerSpatial > 2 * SeedSummary.DifferenceError(gapNone, gapSpatial);
        rows.Add(ClaimRow.Of(Source, "cnn-gap",
            "Dropout in the convolutional layers regularises: the final train–validation gap is narrower than without it.",
            "a regulariser: narrower gap",
            $"final gap: none {CnnFigures.Points(gapNone)}, Dropout {CnnFigures.Points(gapDropout)}, Dropout2d {CnnFigures.Points(gapSpatial)}",
            Judge.From(resolved, narrowerDropout > 0 && narrowerSpatial > 0),
            "Rule, fixed before the run: both dropout variants' mean final gap below none's by more than twice the standard error " +
            "of the difference holds; both below it holds qualitatively; otherwise does not hold."));
        return rows;
    }

    private static bool NoBetter(SeedSummary variant, SeedSummary none) =>
        variant.Mean - none.Mean <= 2 * SeedSummary.DifferenceError(variant, none);


    private static Figure Plot(IReadOnlyList<CnnRun> none, IReadOnlyList<CnnRun> dropout, IReadOnlyList<CnnRun> spatial) =>
        new(FigureFile, "Digits CNN: dropout in the convolutional layers",
        [
            new FigurePanel($"validation accuracy, mean of {CnnDropoutRuns.Seeds} seeds", "epoch", "accuracy",
            [
                CnnFigures.Mean("none", none, r => r.ValidationAccuracy),
                CnnFigures.Mean($"Dropout({P})", dropout, r => r.ValidationAccuracy),
                CnnFigures.Mean($"Dropout2d({P})", spatial, r => r.ValidationAccuracy),
            ]),
            new FigurePanel($"train − validation accuracy, mean of {CnnDropoutRuns.Seeds} seeds", "epoch", "gap",
            [
                CnnFigures.Mean("none", none, r => r.Gap),
                CnnFigures.Mean($"Dropout({P})", dropout, r => r.Gap),
                CnnFigures.Mean($"Dropout2d({P})", spatial, r => r.Gap),
            ]),
        ]);
}
