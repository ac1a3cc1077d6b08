using Verification.Core;
using Verification.Core.Documents;
using Verification.Core.Scripts;
using Verification.Core.Training;
using Verification.Experiments.Claims;
using Verification.Experiments.Document000;

namespace Verification.Experiments.Document003;

/// <summary>
/// The "honest limitations" of 003_8edb894460b127c3.txt, measured on the course's one real training run (document
/// 000's 60-sample experiment, its seed, Adam 5e-4, 250 epochs) with the dropout rate the claim names: p = 0.5 needs
/// about twice the epochs, p above 0.7 underfits, and on fewer than ~1000 samples dropout brings little.
/// </summary>
public sealed class LimitationsClaims : IClaimSet
{
    private const string Source = CourseDocuments.Document003;

    /// <inheritdoc/>
    public string Name => "003-limitations";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var shared = OverfittingRuns.For(stack);
        var without = shared.WithoutDropout;
        var half = OverfittingRuns.WithDropoutRate(stack, 0.5);
        var heavy = OverfittingRuns.WithDropoutRate(stack, 0.8);
        double sd = Judge.AccuracySd(0.77, OverfittingClaims.ValidationSize);
        var rows = new List<ClaimRow>();

        var first = without.FirstEpochReaching(r => r.TrainAccuracy, 1f);
        var firstHalf = half.FirstEpochReaching(r => r.TrainAccuracy, 1f);
        double ratio = first is null || firstHalf is null ? double.NaN : (double)firstHalf.Epoch / first.Epoch;
        rows.Add(new ClaimRow("003.slower-p05", Source,
            "With p = 0.5 it takes roughly twice the epochs to reach the same training accuracy.",
            "2×",
            double.IsNaN(ratio) ? "a run never reaches 100%" : $"{Judge.Number(ratio, 2)}× (epoch {firstHalf!.Epoch} vs {first!.Epoch})",
            Judge.From(!double.IsNaN(ratio) && Judge.WithinRelative(ratio, 2, 0.25), ratio > 1),
            "Document 000's experiment with Dropout(0.5): epochs to 100% training accuracy against the run without dropout. " +
            "A ratio within ±25% of 2 holds; slower by another factor holds qualitatively."));

        double trainHeavy = Mean(heavy, r => r.TrainAccuracy), valHeavy = Mean(heavy, r => r.ValidationAccuracy);
        double trainNone = Mean(without, r => r.TrainAccuracy), valNone = Mean(without, r => r.ValidationAccuracy);
        bool trainWorse = trainHeavy < trainNone, valWorse = valNone - valHeavy > sd;
        rows.Add(new ClaimRow("003.underfit-p08", Source,
            "Above p = 0.7 the network underfits: it does worse on both the training and the test data.",
            "worse on both",
            $"p 0.8: train {Judge.Percent(trainHeavy)}, validation {Judge.Percent(valHeavy)}; no dropout: {Judge.Percent(trainNone)}, " +
                $"{Judge.Percent(valNone)} (means of epochs 201–250)",
            Judge.From(trainWorse && valWorse, trainWorse || valWorse),
            $"Document 000's experiment with Dropout(0.8). Holds if the training accuracy is lower and the validation accuracy lower " +
            $"by more than one sampling sd (±{Judge.Points(sd)}); one of the two holds qualitatively."));

        var gain = ValidationGain(OverfittingRuns.ForPairedSeeds(stack));
        rows.Add(new ClaimRow("003.small-data", Source,
            "On small datasets (fewer than ~1000 samples) dropout's ensemble benefit does not materialise.",
            "little or no benefit",
            $"validation gain of Dropout(0.4) on 60 samples: {Judge.Points(gain)}",
            SmallDataVerdict(gain, sd),
            $"Document 000's 60-sample experiment with and without Dropout(0.4) (which claims a 2-point gain), paired over " +
            $"{gain.Count} seeds (42 and 0–3) with its own standard error. Holds if no gain is shown (the 95% interval reaches zero " +
            $"or below); a shown gain no larger than one sampling sd ({Judge.Points(sd)}) holds qualitatively; a larger one does not hold."));
        return rows;
    }

    /// <summary>The validation plateau with Dropout(0.4) minus without, paired by seed.</summary>
    public static PairedDifference ValidationGain(IReadOnlyList<OverfittingScript.Result> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return Judge.Paired(runs.Select(r => Mean(r.WithDropout, e => e.ValidationAccuracy)).ToArray(),
            runs.Select(r => Mean(r.WithoutDropout, e => e.ValidationAccuracy)).ToArray());
    }

    /// <summary>
    /// <c>003.small-data</c>: holds when no gain is shown (the interval's lower end at or below zero), holds qualitatively
    /// when a gain is shown but its interval stays within <paramref name="little"/>, else does not hold. It is the
    /// opposite reading of <c>000.gap-shrinks</c>'s shown shrink: with training accuracy at 100% in both arms the gap
    /// change is minus the gain, and the two cannot both hold.
    /// </summary>
    public static Verdict SmallDataVerdict(PairedDifference gain, double little)
    {
        ArgumentNullException.ThrowIfNull(gain);
        return Judge.From(!gain.ShowsIncrease, gain.Upper <= little);
    }

    private static double Mean(TrainingHistory history, Func<EpochRecord, float> metric)
    {
        double sum = 0;
        for (int i = history.Count - OverfittingClaims.PlateauEpochs; i < history.Count; i++)
        {
            sum += metric(history[i]);
        }
        return sum / OverfittingClaims.PlateauEpochs;
    }
}
