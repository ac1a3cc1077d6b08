using Verification.Core;
using Verification.Core.Documents;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Regularisation;

/// <summary>
/// 002_91f9a1e79ea80b56.txt on L2 and weight decay: the penalty λ·Σw² is what SGD's <c>weight_decay</c> (= 2λ) does, a
/// shrink of every weight by (1 − 2λ·lr) per step (<see cref="WeightDecayEquivalence"/>); and, extending
/// <c>002-adam-vs-adamw</c> (one seed of the sine net) to five seeds of document 000's classifier, the same penalty under
/// Adam (coupled, the explicit L2 gradient) against AdamW's decoupled decay of the same coefficient.
/// </summary>
public sealed class WeightDecayClaims : IClaimSet
{
    private const string Source = CourseDocuments.Document002;

    /// <summary>AdamW with <c>weight_decay = 2λ</c>: the coefficient SGD's weight decay needs to match the penalty λ·Σw².</summary>
    public static RegulariserArm AdamW { get; } = new("AdamW", AdamWDecay: 2 * RegulariserArm.DocumentLambda);

    /// <inheritdoc/>
    public string Name => "002-l2-weight-decay";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var runs = RegulariserRuns.Over(stack, [RegulariserArm.None, RegulariserArm.L2, AdamW]);
        return Rows(WeightDecayEquivalence.Run(stack), runs[0], runs[1], runs[2]);
    }

    /// <summary>Judges the three claims; the run lists hold one arm each, in the same seed order.</summary>
    public static IReadOnlyList<ClaimRow> Rows(WeightDecayEquivalenceResult sgd, IReadOnlyList<ArmRun> none, IReadOnlyList<ArmRun> adamL2,
        IReadOnlyList<ArmRun> adamW)
    {
        ArgumentNullException.ThrowIfNull(sgd);
        ArgumentNullException.ThrowIfNull(none);
        ArgumentNullException.ThrowIfNull(adamL2);
        ArgumentNullException.ThrowIfNull(adamW);
        string setUp = $"Document 000's data and network without biases on seeds {RegulariserRuns.Seeds[0]}–{RegulariserRuns.Seeds[^1]}, " +
            $"{sgd.Steps} full-batch SGD steps each (lr {Judge.Number(sgd.LearningRate, 1)}, λ = {Judge.Number(sgd.Lambda, 3)}), every step " +
            "from identical weights: SGD(weight_decay = 2λ) against plain SGD with the penalty's gradient 2λ·w added after backward. ";
        double shrink = 1 - 2 * sgd.Lambda * sgd.LearningRate;

        double[] l2Weights = adamL2.Select(r => r.SquaredWeights).ToArray();
        double[] adamWWeights = adamW.Select(r => r.SquaredWeights).ToArray();
        double noneWeights = none.Average(r => r.SquaredWeights);
        // Positive when Adam's coupled L2 leaves the larger weights, i.e. AdamW regularises more strongly.
        var stronger = PairedDifference.Of(l2Weights.Select(v => Math.Log(v)).ToArray(), adamWWeights.Select(v => Math.Log(v)).ToArray());
        double[] l2Accuracy = SeedStatistics.Validation(adamL2), adamWAccuracy = SeedStatistics.Validation(adamW);
        return
        [
            ClaimRow.Of(Source, "l2-penalty-is-sgd-weight-decay",
                "An L2 penalty λ·Σw² in the loss is what SGD's weight_decay = 2λ does: the same step.",
                "the same thing",
                $"{sgd.WeightsDifferent} of {sgd.WeightsCompared} weight updates differ ({sgd.Seeds} seeds × {sgd.Steps} steps); largest " +
                    $"difference {Judge.Number(sgd.LargestUlps, 2)} ulp",
                Judge.From(sgd.WeightsDifferent == 0, sgd.LargestUlps <= 1),
                setUp + "Rule, fixed before the run: holds if every weight after every step is bit-identical; holds qualitatively " +
                "if none differs by more than 1 ulp (the same update rounded differently: SGD fuses g + wd·w into one rounding, " +
                "the penalty adds a rounded 2λ·w to the gradient first); does not hold otherwise."),
            ClaimRow.Of(Source, "sgd-weight-decay-shrink",
                "With SGD, weight decay multiplies every weight by (1 − 2λ·lr) each step, before the loss gradient's step.",
                "× (1 − 2λ·lr)",
                $"× {Judge.Number(shrink, 4)} per step: largest deviation of w ← (1 − 2λ·lr)·w − lr·∂L/∂w from the optimiser's " +
                    $"step {Judge.Number(sgd.LargestShrinkDeviationUlps, 2)} ulp",
                Judge.From(sgd.LargestShrinkDeviationUlps <= 2, sgd.LargestShrinkDeviationUlps <= 16),
                setUp + "Each SGD(weight_decay) step is compared with the formula evaluated in double from the weights and loss " +
                "gradient before it, in ulps of the largest magnitude in the step. Rule, fixed before the run: holds within 2 ulp " +
                "(one rounding for g + wd·w, one for the step); qualitatively within 16; does not hold otherwise."),
            ClaimRow.Of(Source, "adamw-vs-adam-same-penalty",
                "The same L2 coefficient regularises more strongly as AdamW's decoupled decay than as Adam's coupled penalty, " +
                    "which adaptive steps weaken.",
                "AdamW is what you want with Adam",
                $"Σw² of the weight matrices: Adam + L2 {Judge.Number(l2Weights.Average(), 1)}, AdamW {Judge.Number(adamWWeights.Average(), 1)}, " +
                    $"none {Judge.Number(noneWeights, 1)}; Adam/AdamW ratio ×{Judge.Number(Math.Exp(stronger.Mean), 2)} " +
                    $"(log-ratio {Judge.Number(stronger.Mean, 3)} ± {Judge.Number(stronger.StandardError, 3)}, " +
                    $"larger on {stronger.Wins} of {stronger.Count} seeds); " +
                    $"validation: Adam + L2 {SeedStatistics.MeanSd(l2Accuracy)}, AdamW {SeedStatistics.MeanSd(adamWAccuracy)}",
                stronger.FirstIsBetter,
                RegulariserRuns.Setup + $"Adam + L2 adds 2λ·w to the gradient (λ = {Judge.Number(RegulariserArm.DocumentLambda, 3)}); AdamW " +
                $"decays with weight_decay = 2λ = {Judge.Number(AdamW.AdamWDecay, 3)}, the same coefficient. Rule, fixed before " +
                "the run: holds if AdamW ends with the smaller Σw² by more than 2 standard errors of the paired log-ratio; " +
                "qualitatively if smaller on the mean; does not hold otherwise. AdamW shrinks by lr·wd = 1e-6 per step; Adam " +
                "divides 2λ·w by the gradient's running RMS, far below 1 for most of these weights, so its coupled decay is the " +
                "stronger one here (see 002.adamw-stronger-than-adam)."),
        ];
    }
}
