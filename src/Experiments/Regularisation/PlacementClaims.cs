using Verification.Core;
using Verification.Core.Documents;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Regularisation;

/// <summary>
/// 002_91f9a1e79ea80b56.txt on where dropout goes: "After activation functions, never before (you'd zero values before the
/// non-linearity, wasting the computation)". Dropout(0.4) after and before the activation of both hidden blocks of document
/// 000's network (<see cref="RegulariserRuns"/>, five seeds, paired), once with the document's ReLU and once with Tanh.
/// With ReLU the two placements are one function: <c>relu(m·x/(1 − p)) = m·relu(x)/(1 − p)</c> for a 0/1 mask m and a
/// positive scale, and the masks have the same shape and draw order, so the runs are compared bit for bit. Tanh is not
/// positively homogeneous: before it, dropout's 1/(1 − p) scale is squashed, and training and eval see different functions.
/// </summary>
public sealed class PlacementClaims : IClaimSet
{
    private const string Source = CourseDocuments.Document002;

    /// <summary>The four arms: ReLU after, ReLU before, Tanh after, Tanh before.</summary>
    public static IReadOnlyList<RegulariserArm> Arms { get; } =
    [
        RegulariserArm.Dropout(RegulariserArm.DocumentRate),
        RegulariserArm.Dropout(RegulariserArm.DocumentRate) with { Name = "dropout 0.4 before ReLU", Placement = DropoutPlacement.BeforeActivation },
        RegulariserArm.Dropout(RegulariserArm.DocumentRate) with { Name = "dropout 0.4 after Tanh", Activation = HiddenActivation.Tanh },
        RegulariserArm.Dropout(RegulariserArm.DocumentRate) with
        {
            Name = "dropout 0.4 before Tanh", Activation = HiddenActivation.Tanh, Placement = DropoutPlacement.BeforeActivation,
        },
    ];

    /// <inheritdoc/>
    public string Name => "002-dropout-placement";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var runs = RegulariserRuns.Over(stack, Arms);
        return Rows(runs[0], runs[1], runs[2], runs[3]);
    }

    /// <summary>Judges the placement with each activation; every argument holds one arm's runs in the same seed order.</summary>
    public static IReadOnlyList<ClaimRow> Rows(IReadOnlyList<ArmRun> reluAfter, IReadOnlyList<ArmRun> reluBefore, IReadOnlyList<ArmRun> tanhAfter,
        IReadOnlyList<ArmRun> tanhBefore) =>
    [
        Row("placement-relu", "ReLU", reluAfter, reluBefore),
        Row("placement-tanh", "Tanh", tanhAfter, tanhBefore),
    ];

    private static ClaimRow Row(string topic, string activation, IReadOnlyList<ArmRun> after, IReadOnlyList<ArmRun> before)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(before);
        double[] a = SeedStatistics.Validation(after), b = SeedStatistics.Validation(before);
        var d = PairedDifference.Of(a, b);
        int identical = after.Zip(before, (x, y) => x.TrainAccuracy == y.TrainAccuracy && x.ValidationAccuracy == y.ValidationAccuracy &&
            x.SquaredWeights == y.SquaredWeights).Count(same => same);
        string sameness = identical == after.Count ? $"; bit-identical runs on all {identical} seeds (same Σw² to the last bit)" : "";
        return ClaimRow.Of(Source, topic,
            $"Dropout belongs after the activation ({activation}), never before: after it reaches a higher validation accuracy.",
            "after, never before",
            $"after {SeedStatistics.MeanSd(a)} vs before {SeedStatistics.MeanSd(b)}; paired difference {d.Text}{sameness}",
            d.FirstIsBetter,
            RegulariserRuns.Setup + "Rule, fixed before the run: holds if after beats before by more than 2 standard errors of " +
            "the paired difference; holds qualitatively if it is ahead on the mean; does not hold otherwise. " + Why(activation));
    }

    private static string Why(string activation) => activation == "ReLU"
        ? "With ReLU the placements are the same function (relu(m·x/(1 − p)) = m·relu(x)/(1 − p)) and draw the same masks, so " +
          "they cannot differ; the document's reason is wasted computation, not accuracy, and even that is nil, since ReLU and " +
          "dropout cost the same on either side."
        : "Tanh keeps dropped units at tanh(0) = 0 either way, but before it the kept units' 1/(1 − p) scale is squashed by " +
          "the non-linearity, so in eval mode (no scale) the network sees other activations than it trained on.";
}
