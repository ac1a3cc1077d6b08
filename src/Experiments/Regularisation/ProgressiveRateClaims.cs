using Verification.Core;
using Verification.Core.Documents;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Regularisation;

/// <summary>
/// 002_91f9a1e79ea80b56.txt's Mistake 2, "Applying the same dropout rate everywhere", and its fix: progressive rates,
/// "0.5 for large hidden layers, 0.3 for smaller layers, 0.0 for the final classification head". On document 000's
/// network (two hidden blocks of 256, no dropout before the head) the progressive arm is 0.5 then 0.3; it is compared,
/// paired seed by seed (<see cref="RegulariserRuns"/>), with the same rate everywhere at their mean (0.4, the document
/// 000 rate) and at the large-layer rate (0.5).
/// </summary>
public sealed class ProgressiveRateClaims : IClaimSet
{
    private const string Source = CourseDocuments.Document002;

    /// <summary>The progressive arm: 0.5 after the first hidden block, 0.3 after the second.</summary>
    public static RegulariserArm Progressive { get; } = new("progressive 0.5/0.3", 0.5, 0.3);

    /// <inheritdoc/>
    public string Name => "002-progressive-rates";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var runs = RegulariserRuns.Over(stack, [Progressive, RegulariserArm.Dropout(0.4), RegulariserArm.Dropout(0.5)]);
        return Rows(runs[0], runs[1], runs[2]);
    }

    /// <summary>Judges both comparisons; every argument holds one arm's runs in the same seed order.</summary>
    public static IReadOnlyList<ClaimRow> Rows(IReadOnlyList<ArmRun> progressive, IReadOnlyList<ArmRun> constantMean,
        IReadOnlyList<ArmRun> constantLarge)
    {
        double[] p = SeedStatistics.Validation(progressive);
        return
        [
            Row("progressive-over-constant-0.4", "0.4, their mean", p, constantMean),
            Row("progressive-over-constant-0.5", "0.5", p, constantLarge),
        ];
    }

    private static ClaimRow Row(string topic, string rate, double[] progressive, IReadOnlyList<ArmRun> constant)
    {
        double[] c = SeedStatistics.Validation(constant);
        var d = PairedDifference.Of(progressive, c);
        return ClaimRow.Of(Source, topic,
            $"Progressive dropout (0.5 in the first hidden block, 0.3 in the second, none before the head) beats the same rate everywhere ({rate}).",
            "progressive works, the same rate everywhere is a mistake",
            $"progressive {SeedStatistics.MeanSd(progressive)} vs constant {SeedStatistics.MeanSd(c)}; paired difference {d.Text}",
            d.FirstIsBetter,
            RegulariserRuns.Setup + "Rule, fixed before the run: holds if the paired mean difference exceeds 2 standard errors; " +
            "holds qualitatively if it is positive but within them; does not hold if it is zero or negative.");
    }
}
