using Verification.Core;
using Verification.Core.Documents;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Document002;

/// <summary>
/// Dropout ahead of BatchNorm (<see cref="BatchNormVarianceShift"/>): the variance shift the document describes, and
/// its advice that the combination hurts.
/// </summary>
public sealed class BatchNormDropoutClaims : IClaimSet
{
    private const string Source = CourseDocuments.Document002;

    /// <summary>The variance shift must be at least this many times the control's to hold.</summary>
    public const double ShiftFactor = 2;

    /// <inheritdoc/>
    public string Name => "002-dropout-batchnorm";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack) => Rows(BatchNormVarianceShift.Run(stack));

    /// <summary>Judges both claims against <paramref name="r"/>.</summary>
    public static IReadOnlyList<ClaimRow> Rows(BatchNormVarianceShiftResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        double shift = Math.Abs(1 - r.WithDropout.MeanRatio), controlShift = Math.Abs(1 - r.Control.MeanRatio);
        const string setUp = "The table's set-up (seed 0, four-class data, AdamW lr 1e-3, 60 epochs) with the builder's dropout-and-BatchNorm " +
                             "guard lifted: Linear, BatchNorm1d, ReLU, Dropout(0.4), twice, then Linear; the control is the same at rate 0, from " +
                                 "identical initial weights.";
        return
        [
            ClaimRow.Of(Source, "batchnorm-variance-shift",
                "Dropout before a BatchNorm changes the variance of the activations it normalises, so its running statistics (learned with dropout " +
                    "on) no longer fit the eval-mode activations.",
                "qualitative (no number)",
                $"eval variance ÷ running_var at the second BatchNorm, mean over 64 features: {Judge.Number(r.WithDropout.MeanRatio, 3)} with " +
                    $"dropout " +
                $"(range {Judge.Number(r.WithDropout.VarianceRatios.Min(), 3)}–{Judge.Number(r.WithDropout.VarianceRatios.Max(), 3)}), " +
                    $"{Judge.Number(r.Control.MeanRatio, 3)} without",
                Judge.From(shift >= ShiftFactor * controlShift && shift >= 0.05, shift > controlShift),
                $"{setUp} Holds if the mean ratio's distance from 1 is at least {ShiftFactor}× the control's and at least 0.05; " +
                "qualitatively if larger than the control's at all. Below 1: the eval-mode input is quieter than the statistics " +
                "BatchNorm learned with dropout's 1/(1−p)-scaled noise in it."),
            ClaimRow.Of(Source, "batchnorm-dropout-hurts",
                "Combining dropout with BatchNorm in the same block makes results worse; use little or no dropout with BatchNorm.",
                "qualitative (no number)",
                $"validation accuracy: {Judge.Number(r.WithDropout.ValidationAccuracy, 3)} with Dropout(0.4) after each BatchNorm block, " +
                $"{Judge.Number(r.Control.ValidationAccuracy, 3)} without (train {Judge.Number(r.WithDropout.TrainAccuracy, 3)} and " +
                    $"{Judge.Number(r.Control.TrainAccuracy, 3)})",
                Judge.From(r.WithDropout.ValidationAccuracy < r.Control.ValidationAccuracy),
                $"{setUp} Holds if the dropout model's validation accuracy is below the control's. The shift of " +
                "002.batchnorm-variance-shift is real but small here, and dropout's regularisation outweighs it in this MLP."),
        ];
    }
}
