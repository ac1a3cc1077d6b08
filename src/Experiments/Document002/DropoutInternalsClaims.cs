using Verification.Core;
using Verification.Core.Documents;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Document002;

/// <summary>
/// The dropout-internals script (<c>manual_seed(7)</c>): the inverted-scaling proof on 10 000 ones, train- versus
/// eval-mode logits of the same input, and Dropout2d's surviving channels (<see cref="InvertedDropoutCheck"/>).
/// </summary>
public sealed class DropoutInternalsClaims : IClaimSet
{
    private const string Source = CourseDocuments.Document002;

    /// <summary>The document's printed logits (row 0): two training-mode passes, then the eval-mode pass (both alike).</summary>
    public static readonly float[] DocumentTrainRun1 = [0.183f, -0.412f, 0.671f, -0.089f, 0.224f],
        DocumentTrainRun2 = [-0.301f, 0.118f, 0.429f, 0.552f, -0.177f],
        DocumentEval = [0.094f, -0.152f, 0.318f, 0.201f, -0.043f];

    /// <inheritdoc/>
    public string Name => "002-dropout-internals";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack) => Rows(InvertedDropoutCheck.Run(stack));

    /// <summary>Judges every claim of the script against <paramref name="r"/>.</summary>
    public static IReadOnlyList<ClaimRow> Rows(InvertedDropoutResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        // The mean of n values m·2 with m ~ Bernoulli(0.5) has standard deviation 2·√(0.25/n) = 0.01 for n = 10 000.
        double sd = 2 * Math.Sqrt(0.25 / r.OnesCount);
        return
        [
            ClaimRow.Of(Source, "ones-train-mean", "With manual_seed(7), Dropout(0.5) in training mode on 10,000 ones has mean 1.0021.",
                "1.0021", $"{Judge.Number(r.OnesTrainMean, 4)} ({r.OnesKept} of {r.OnesCount} kept, each 2.0)",
                Judge.From(Judge.Number(r.OnesTrainMean, 4) == "1.0021"),
                "Printed to 4 decimals by a seeded script, so it holds only if equal at 4 decimals. PyTorch itself keeps 4956 with " +
                "this seed (tests/Golden/dropout.json, case Dropout.ones seed 7 p 0.5), i.e. prints 0.9912: the document's output " +
                "was not produced by its code. The claim the number illustrates (mean ≈ 1) is row 002.ones-mean-near-one."),
            ClaimRow.Of(Source, "ones-train-nonzero", "With manual_seed(7), the non-zero fraction of that output is 0.4998.",
                "0.4998", Judge.Number(r.OnesTrainNonZeroFraction, 4),
                Judge.From(Judge.Number(r.OnesTrainNonZeroFraction, 4) == "0.4998"),
                "Equal at 4 decimals required, as for the mean; PyTorch prints 0.4956 with seed 7."),
            ClaimRow.Of(Source, "ones-mean-near-one",
                "Inverted dropout keeps the expected activation: scaling survivors by 1/(1−p) makes the training-mode mean about 1.",
                "≈ 1.0 (\"should be ~1.0\")",
                    $"{Judge.Number(r.OnesTrainMean, 4)} (|1 − mean| = {Judge.Number(Math.Abs(1 - r.OnesTrainMean), 4)} = " +
                        $"{Judge.Number(Math.Abs(1 - r.OnesTrainMean) / sd, 2)} standard deviations)",
                Judge.From(Math.Abs(r.OnesTrainMean - 1) <= 3 * sd),
                $"Holds if within 3 standard deviations of 1 (the mean of 10,000 values 2·Bernoulli(0.5) has SD {Judge.Number(sd, 2)}); " +
                "a mean of 0.5 (no rescaling) would be 50 SD away."),
            ClaimRow.Of(Source, "ones-eval-identity", "In eval mode the same layer returns its input: mean 1.0000 and every value non-zero.",
                "mean 1.0000, non-zero 1.0000", $"mean {Judge.Number(r.OnesEvalMean, 4)}, non-zero {Judge.Number(r.OnesEvalNonZeroFraction, 4)}",
                Judge.From(r.OnesEvalMean == 1 && r.OnesEvalNonZeroFraction == 1),
                "Exact: eval mode is the identity, so both must be exactly 1."),
            ClaimRow.Of(Source, "train-logits-differ", "Two training-mode passes over the same input give different logits (fresh masks each pass).",
                "Are they equal? False", $"allclose = {r.TrainRunsAllClose}",
                Judge.From(!r.TrainRunsAllClose),
                "Holds if torch.allclose (rtol 1e-5, atol 1e-8) is false for the two (4, 5) logit tensors."),
            ClaimRow.Of(Source, "train-logits-values", "With manual_seed(7), row 0 of the two training-mode passes prints the document's logits.",
                $"{Judge.NumpyArray(DocumentTrainRun1, 3)}, {Judge.NumpyArray(DocumentTrainRun2, 3)}",
                $"{Judge.NumpyArray(r.TrainLogitsRun1, 3)}, {Judge.NumpyArray(r.TrainLogitsRun2, 3)}",
                Judge.From(Judge.NumpyArray(DocumentTrainRun1, 3) == Judge.NumpyArray(r.TrainLogitsRun1, 3)
                    && Judge.NumpyArray(DocumentTrainRun2, 3) == Judge.NumpyArray(r.TrainLogitsRun2, 3)),
                "All ten values must agree at the 3 printed decimals. The measured ones follow the script's draws from seed 7: the " +
                "ones-proof mask, the three Linear inits, randn(4, 20), then two masks per pass."),
            ClaimRow.Of(Source, "eval-logits-equal", "Two eval-mode passes over the same input give identical logits.",
                "Are they equal? True", $"allclose = {r.EvalRunsAllClose}",
                Judge.From(r.EvalRunsAllClose),
                "Holds if torch.allclose is true; eval mode draws nothing, so the passes are in fact bit-identical."),
            ClaimRow.Of(Source, "eval-logits-values", "With manual_seed(7), row 0 of the eval-mode logits prints the document's values.",
                Judge.NumpyArray(DocumentEval, 3), Judge.NumpyArray(r.EvalLogitsRun1, 3),
                Judge.From(Judge.NumpyArray(DocumentEval, 3) == Judge.NumpyArray(r.EvalLogitsRun1, 3)),
                "All five values must agree at 3 decimals. Eval logits depend only on the initial weights and the input, which the " +
                "script draws from seed 7 before the passes."),
            ClaimRow.Of(Source, "dropout2d-surviving-channels", "Dropout2d(0.3) on ones (2, 8, 4, 4) keeps 6 of sample 0's 8 channels.",
                "6", $"{r.SurvivingChannelsOfSample0} (mask over (2, 8): {string.Concat(r.ChannelSurvived.Select(s => s ? '1' : '0'))})",
                Judge.From(r.SurvivingChannelsOfSample0 == 6),
                "A seeded count: holds only if exactly 6. The 16 channel draws come after everything the script drew before."),
            ClaimRow.Of(Source, "dropout2d-whole-channels", "Dropout2d zeroes entire channels (feature maps), never single pixels.",
                "entire channels are zeroed", r.WholeChannelsDropped ? "every 4×4 plane all zero or all 1/(1−p)" : "some plane partly zeroed",
                Judge.From(r.WholeChannelsDropped),
                "Holds if each of the 16 (sample, channel) planes is either all zero or all non-zero."),
        ];
    }
}
