using Verification.Core;
using Verification.Core.Documents;
using Verification.Core.Scripts;
using Verification.Core.Training;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Document000;

/// <summary>
/// The claims of 000_467f5e23d3be4dee.txt: its script's printed accuracies after 100 epochs, its figure's story over
/// 250 epochs (when training accuracy first reaches 100%, where validation settles, how wide the gap is, without and
/// with Dropout(0.4)), and its warning about evaluating with dropout still on. One run of
/// <see cref="OverfittingScript"/> with the document's seed, sizes, optimiser, learning rate and epochs.
/// </summary>
public sealed class OverfittingClaims : IClaimSet, IPlottable
{
    /// <summary>The validation set's size: the sampling error of an accuracy measured on it is the natural tolerance.</summary>
    public const int ValidationSize = 400;

    /// <summary>The epochs over which a "plateau" is averaged: the last 50 of 250.</summary>
    public const int PlateauEpochs = 50;

    private const string Source = CourseDocuments.Document000;
    private IReadOnlyList<Figure> _figures = [];

    /// <inheritdoc/>
    public string Name => "000-overfitting";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<Figure> Figures => _figures;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var result = OverfittingRuns.For(stack);
        var forgotten = ForgottenEval.Run(stack);
        if (forgotten.FinalTrainLoss != result.WithDropout.Final.TrainLoss)
        {
            throw new InvalidOperationException(
                $"the re-trained dropout model ended at loss {forgotten.FinalTrainLoss}, the shared run at {result.WithDropout.Final.TrainLoss}: " +
                    $"the two procedures drew differently.");
        }
        _figures = Figures000.Of(result);
        return Rows(result.WithoutDropout, result.WithDropout, forgotten, GapChange(OverfittingRuns.ForPairedSeeds(stack)));
    }

    /// <summary>The plateau gap with dropout minus without, paired by seed.</summary>
    public static PairedDifference GapChange(IReadOnlyList<OverfittingScript.Result> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        return Judge.Paired(runs.Select(r => Plateau(r.WithDropout, e => e.Gap)).ToArray(),
            runs.Select(r => Plateau(r.WithoutDropout, e => e.Gap)).ToArray());
    }

    /// <summary>
    /// <c>000.gap-shrinks</c>: a shrink is shown when the paired interval of the gap change lies below zero; it holds
    /// when the interval also admits the document's −2 points, holds qualitatively otherwise, and does not hold when no
    /// shrink is shown.
    /// </summary>
    public static Verdict GapShrinksVerdict(PairedDifference gapChange)
    {
        ArgumentNullException.ThrowIfNull(gapChange);
        return Judge.From(gapChange.ShowsDecrease && gapChange.Admits(-0.02), gapChange.ShowsDecrease);
    }

    /// <summary>Judges every claim from the two histories and the forgotten-eval measurement.</summary>
    public static IReadOnlyList<ClaimRow> Rows(TrainingHistory without, TrainingHistory with, ForgottenEvalResult forgotten,
        PairedDifference gapChange)
    {
        ArgumentNullException.ThrowIfNull(without);
        ArgumentNullException.ThrowIfNull(with);
        ArgumentNullException.ThrowIfNull(forgotten);
        ArgumentNullException.ThrowIfNull(gapChange);
        var rows = new List<ClaimRow>();
        double sd77 = Judge.AccuracySd(0.77, ValidationSize);

        var at100 = without[99];
        rows.Add(new ClaimRow("000.script-train-100", Source,
            "After 100 full-batch epochs without dropout the script prints a training accuracy of 1.00.",
            "1.00", Judge.Number(at100.TrainAccuracy, 2),
            Judge.From(Math.Round(at100.TrainAccuracy, 2) == 1.00, at100.TrainAccuracy >= 0.95f),
            "The script is seeded and this suite draws as PyTorch does, so the printed two decimals must be reproduced " +
            "exactly to hold; at least 0.95 (all but three of 60) holds qualitatively."));

        rows.Add(new ClaimRow("000.script-val-100", Source,
            "After 100 epochs without dropout the script prints a validation accuracy of 0.77.",
            "0.77", Judge.Number(at100.ValidationAccuracy, 4),
            Judge.From(Math.Round(at100.ValidationAccuracy, 2) == 0.77, Judge.Within(at100.ValidationAccuracy, 0.77, sd77)),
            $"Holds if the measured value rounds to the printed 0.77 (the run is seeded and reproduced bit for bit); " +
            $"holds qualitatively within one sampling sd of an accuracy on {ValidationSize} samples (±{Judge.Points(sd77)}). " +
            $"Measured off by {Judge.Points(Math.Abs(at100.ValidationAccuracy - 0.77))}."));

        var first = without.FirstEpochReaching(r => r.TrainAccuracy, 1f);
        var firstWith = with.FirstEpochReaching(r => r.TrainAccuracy, 1f);
        rows.Add(new ClaimRow("000.first-100-train", Source,
            "Without dropout, training accuracy climbs to 100% by about epoch 40.",
            "epoch 40", first is null ? "never" : $"epoch {first.Epoch}",
            Judge.From(first is not null && Judge.WithinRelative(first.Epoch, 40, 0.25), first is not null),
            "Read off a figure, so ±25% of the epoch (30–50) holds; reaching 100% at another epoch holds qualitatively."));

        rows.Add(new ClaimRow("000.first-100-train-dropout", Source,
            "With Dropout(0.4), training accuracy rises more slowly and reaches 100% around epoch 90.",
            "epoch 90", firstWith is null ? "never" : $"epoch {firstWith.Epoch} (no dropout: {(first is null ? "never" : first.Epoch)})",
            Judge.From(firstWith is not null && Judge.WithinRelative(firstWith.Epoch, 90, 0.25),
                firstWith is not null && first is not null && firstWith.Epoch > first.Epoch),
            "±25% of epoch 90 (67.5–112.5) holds; later than without dropout (the ordering the figure shows) holds qualitatively" +
            (firstWith is null ? "." : $"; measured {Judge.Number(100.0 * (firstWith.Epoch - 90) / 90, 0)}% from the document's epoch.")));

        double valPlateau = Plateau(without, r => r.ValidationAccuracy);
        double valPlateauWith = Plateau(with, r => r.ValidationAccuracy);
        double gap = Plateau(without, r => r.Gap);
        double gapWith = Plateau(with, r => r.Gap);
        rows.Add(new ClaimRow("000.val-plateau", Source,
            "Without dropout, validation accuracy plateaus around 77%.",
            "77%", $"{Judge.Percent(valPlateau)} (mean of epochs 201–250)",
            Judge.From(Judge.Within(valPlateau, 0.77, sd77), Judge.Within(valPlateau, 0.77, 3 * sd77)),
            $"Holds within one sampling sd of an accuracy on {ValidationSize} samples (±{Judge.Points(sd77)}); within three sd holds " +
            $"qualitatively. Off by {Judge.Points(Math.Abs(valPlateau - 0.77))}."));

        rows.Add(new ClaimRow("000.gap", Source,
            "Without dropout the train–validation gap is about 23 points: the network memorises.",
            "23 points", $"{Judge.Points(gap)} (mean of epochs 201–250)",
            Judge.From(Judge.Within(gap, 0.23, sd77), gap >= 0.10),
            $"Training accuracy is 100%, so the gap carries the validation accuracy's sampling sd (±{Judge.Points(sd77)}); " +
            $"a gap of at least 10 points (still memorising) holds qualitatively. Off by {Judge.Points(Math.Abs(gap - 0.23))}."));

        rows.Add(new ClaimRow("000.val-dropout", Source,
            "With Dropout(0.4), validation accuracy reaches about 79%, above the 77% without dropout.",
            "79%", $"{Judge.Percent(valPlateauWith)} (no dropout: {Judge.Percent(valPlateau)})",
            Judge.From(Judge.Within(valPlateauWith, 0.79, sd77), valPlateauWith > valPlateau),
            $"Plateau (mean of epochs 201–250) within ±{Judge.Points(sd77)} of 79% holds; above the no-dropout plateau holds " +
            $"qualitatively. Measured gain {Judge.Points(valPlateauWith - valPlateau)} against the document's 2 points."));

        rows.Add(new ClaimRow("000.gap-shrinks", Source,
            "Dropout shrinks the train–validation gap (23 points to about 21 in the figure).",
            "−2 points",
            $"{Judge.Points(gapChange)}; seed 42: {Judge.Points(gapWith - gap)} ({Judge.Points(gap)} → {Judge.Points(gapWith)})",
            GapShrinksVerdict(gapChange),
            $"Two seeded runs compared, so the rule is the paired difference of the plateau gaps over {gapChange.Count} seeds " +
            "(the document's 42 and 0–3) with its own standard error: a 95% interval below zero shows a shrink, and holds if it " +
            "also admits the document's −2 points; a shown shrink of another size holds qualitatively; no shown shrink does not hold."));

        bool evalStable = forgotten.EvalMode.Distinct().Count() == 1;
        int distinct = forgotten.DropoutOn.Distinct().Count();
        float mean = forgotten.DropoutOn.Average();
        rows.Add(new ClaimRow("000.eval-forgotten", Source,
            "Evaluating with dropout still on gives wrong, noisy validation numbers that differ from run to run.",
            "different every time",
            $"dropout on: {Judge.Percent(forgotten.DropoutOn.Min())}–{Judge.Percent(forgotten.DropoutOn.Max())} " +
            $"({distinct} distinct of {forgotten.DropoutOn.Length}, mean {Judge.Percent(mean)}); eval mode: {Judge.Percent(forgotten.EvalMode[0])}" +
            (evalStable ? " every time" : " varying"),
            Judge.From(evalStable && distinct == forgotten.DropoutOn.Length, evalStable && distinct > 1),
            "After the 250-epoch dropout run, validation is evaluated 10 times each way, masks drawn where training left the " +
            "generator. Holds if eval mode repeats itself and all 10 dropout-on numbers differ; some repeats holds qualitatively."));
        return rows;
    }

    private static double Plateau(TrainingHistory history, Func<EpochRecord, float> metric)
    {
        double sum = 0;
        for (int i = history.Count - PlateauEpochs; i < history.Count; i++)
        {
            sum += metric(history[i]);
        }
        return sum / PlateauEpochs;
    }
}
