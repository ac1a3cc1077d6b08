using Verification.Core;
using Verification.Core.Documents;
using Verification.Core.Scripts;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Cnn;

/// <summary>
/// 001_9b6fb180196b46a2.txt's rates for convolutional layers ("0.1–0.2 (10–20%): for convolutional layers (they need less
/// regularization)"; "0.5+ … can hurt performance"; 002_91f9a1e79ea80b56.txt: "use Dropout2d at 0.1–0.2 maximum"): the
/// digits CNN with Dropout2d at 0.1, 0.2, 0.3 and 0.5 after each convolution's ReLU, and without dropout for reference,
/// over the seeds of <see cref="CnnDropoutRuns"/>.
/// </summary>
public sealed class ConvDropoutRateClaims : IClaimSet, IPlottable
{
    /// <summary>The rates compared.</summary>
    public static readonly double[] Rates = [0.1, 0.2, 0.3, 0.5];

    /// <summary>The file name of the figure.</summary>
    public const string FigureFile = "001-cnn-conv-rates.png";

    private const string Source = CourseDocuments.Document001;
    private IReadOnlyList<Figure> _figures = [];

    /// <inheritdoc/>
    public string Name => "001-cnn-conv-rates";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<Figure> Figures => _figures;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var none = CnnDropoutRuns.Variant(stack, ConvDropout.None, 0);
        var runs = Rates.Select(p => CnnDropoutRuns.Variant(stack, ConvDropout.Dropout2d, p)).ToArray();
        var validation = runs.Select(r => CnnDropoutRuns.Final(r, e => e.ValidationAccuracy)).ToArray();
        var validationNone = CnnDropoutRuns.Final(none, e => e.ValidationAccuracy);
        _figures = [Plot(none, runs, validation, validationNone)];
        string table = string.Join("; ", Rates.Select((p, k) => $"p {CnnFigures.Rate(p)}: {CnnFigures.Accuracy(validation[k])}")) +
            $"; none: {CnnFigures.Accuracy(validationNone)}";

        int best = Enumerable.Range(0, Rates.Length).MaxBy(k => validation[k].Mean);
        int half = Array.IndexOf(Rates, 0.5);
        bool bestLow = Rates[best] <= 0.2;
        int lowBest = validation[0].Mean >= validation[1].Mean ? 0 : 1;
        bool beatsHalf = validation[best].Mean - validation[half].Mean > 2 * SeedSummary.DifferenceError(validation[best], validation[half]);
        bool lowClose = validation[best].Mean - validation[lowBest].Mean <= 2 * SeedSummary.DifferenceError(validation[best], validation[lowBest]);
        var rows = new List<ClaimRow>
        {
            ClaimRow.Of(Source, "cnn-conv-rate-best",
                "Convolutional layers want a low dropout rate: 0.1–0.2 gives the best validation accuracy.",
                "0.1–0.2 for convolutional layers",
                $"final validation, Dropout2d, {CnnDropoutRuns.Seeds} seeds: {table}; best p {CnnFigures.Rate(Rates[best])}",
                Judge.From(bestLow && beatsHalf, bestLow || lowClose),
                "Rule, fixed before the run: the best mean final validation accuracy at p 0.1 or 0.2 and above p 0.5's by more than " +
                "twice the standard error of the difference holds; best at 0.1 or 0.2 without that margin holds qualitatively; best " +
                "at 0.3 or 0.5 holds qualitatively if 0.1–0.2's better mean is within twice that error of it, else does not hold."),
        };

        double[] deficits = [validation[0].Mean - validation[half].Mean, validation[1].Mean - validation[half].Mean];
        bool resolved = deficits[0] > 2 * SeedSummary.DifferenceError(validation[0], validation[half])
            && deficits[1] > 2 * SeedSummary.DifferenceError(validation[1], validation[half]);
        rows.Add(ClaimRow.Of(Source, "cnn-conv-rate-high-hurts",
            "A rate of 0.5 in the convolutional layers hurts: validation accuracy below that at 0.1 and at 0.2.",
            "0.5+ can hurt performance",
            $"p 0.5 below p 0.1 by {Judge.Points(deficits[0])}, below p 0.2 by {Judge.Points(deficits[1])}",
            Judge.From(resolved, deficits[0] > 0 && deficits[1] > 0),
            "Rule, fixed before the run: p 0.5's mean final validation accuracy below both p 0.1's and p 0.2's by more than twice " +
            "the standard error of each difference holds; below both holds qualitatively; otherwise does not hold."));
        return rows;
    }

    private static Figure Plot(IReadOnlyList<CnnRun> none, IReadOnlyList<CnnRun>[] runs, SeedSummary[] validation, SeedSummary validationNone)
    {
        double[] rates = [0, .. Rates];
        var perSeed = new List<(double Rate, double Accuracy)>();
        perSeed.AddRange(none.Select(r => (0.0, (double)r.History[^1].ValidationAccuracy)));
        for (int k = 0; k < Rates.Length; k++)
        {
            perSeed.AddRange(runs[k].Select(r => (Rates[k], (double)r.History[^1].ValidationAccuracy)));
        }
        var curves = new List<FigureSeries> { CnnFigures.Mean("none", none, e => e.ValidationAccuracy) };
        curves.AddRange(Rates.Select((p, k) => CnnFigures.Mean($"Dropout2d({CnnFigures.Rate(p)})", runs[k], e => e.ValidationAccuracy)));
        return new Figure(FigureFile, "Digits CNN: the Dropout2d rate in the convolutional layers",
        [
            new FigurePanel($"final validation accuracy by rate (p = 0: no dropout)", "dropout rate p", "accuracy",
            [
                new FigureSeries($"mean of {CnnDropoutRuns.Seeds} seeds", rates, [validationNone.Mean, .. validation.Select(v => v.Mean)]),
                new FigureSeries("each seed", perSeed.Select(s => s.Rate).ToArray(), perSeed.Select(s => s.Accuracy).ToArray(), SeriesKind.Markers),
            ]),
            new FigurePanel($"validation accuracy, mean of {CnnDropoutRuns.Seeds} seeds", "epoch", "accuracy", curves),
        ]);
    }
}
