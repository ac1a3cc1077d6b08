using Verification.Core;
using Verification.Core.Documents;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Document003;

/// <summary>
/// The dropout-rate sensitivity table of 003_8edb894460b127c3.txt (p = 0, 0.3, 0.5, 0.7): re-run with
/// <see cref="ChurnSensitivityScript"/> for seed 42 and seeds 0–19, and judged by direction, since the document's
/// weight generator (PCG64) is not reproduced. The stack is not used: the document's script is plain NumPy.
/// </summary>
public sealed class RateSensitivityClaims : IClaimSet, IPlottable
{
    /// <summary>The document's rates.</summary>
    public static readonly double[] Rates = [0.0, 0.3, 0.5, 0.7];

    /// <summary>The document's printed training losses, by rate.</summary>
    public static readonly double[] DocumentTrain = [0.1842, 0.2531, 0.3012, 0.4317];

    /// <summary>The document's printed validation losses, by rate.</summary>
    public static readonly double[] DocumentValidation = [0.2104, 0.2395, 0.2718, 0.4129];

    /// <summary>The seeds the direction is judged over (the document's 42 is reported on its own).</summary>
    public const int Seeds = 20;

    /// <summary>The file name of the rate-sensitivity figure.</summary>
    public const string FigureFile = "003-rate-sensitivity.png";

    private const string Source = CourseDocuments.Document003;
    private IReadOnlyList<Figure> _figures = [];

    /// <inheritdoc/>
    public string Name => "003-rate-sensitivity";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<Figure> Figures => _figures;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var seed42 = Rates.Select(p => ChurnSensitivityScript.Train(p, 42)).ToArray();
        var runs = new SensitivityRun[Seeds][];
        for (int s = 0; s < Seeds; s++)
        {
            runs[s] = Rates.Select(p => ChurnSensitivityScript.Train(p, s)).ToArray();
        }
        double[] meanTrain = Rates.Select((_, k) => runs.Average(r => r[k].TrainLoss)).ToArray();
        double[] meanValidation = Rates.Select((_, k) => runs.Average(r => r[k].ValidationLoss)).ToArray();
        _figures = [Plot(meanTrain, meanValidation)];
        var rows = new List<ClaimRow>();

        string table = string.Join("; ", seed42.Select(r =>
            $"p {Judge.Number(r.P, 1)}: {Judge.Number(r.TrainLoss, 4)} / {Judge.Number(r.ValidationLoss, 4)}"));
        bool levelClose = seed42.Select((r, k) =>
            Judge.Within(r.TrainLoss, DocumentTrain[k], 0.05) && Judge.Within(r.ValidationLoss, DocumentValidation[k], 0.05)).All(b => b);
        bool learned = seed42.All(r => r.ValidationLoss < Math.Log(2) - 0.05);
        rows.Add(new ClaimRow("003.sensitivity-levels", Source,
            "After 100 steps the losses (train / validation) are 0.18/0.21 at p = 0 rising to 0.43/0.41 at p = 0.7.",
            "0.1842/0.2104, 0.2531/0.2395, 0.3012/0.2718, 0.4317/0.4129",
            $"seed 42: {table}",
            Judge.From(levelClose, learned),
            "The document's weights come from PCG64, which is not reproduced, so the level is judged, not the digits: every loss " +
            "within ±0.05 of its printed value holds; every validation loss clearly below chance (ln 2 − 0.05 = 0.64) holds " +
            "qualitatively. With weights of sd 0.1 and 100 plain steps of lr 0.05 the network barely leaves ln 2 = 0.693 " +
            "(and, like the document's code, the backward pass ignores the dropout mask)."));

        int p0Widest = runs.Count(r => Math.Abs(r[0].Gap) >= r.Skip(1).Max(x => Math.Abs(x.Gap)));
        double p0Gap = runs.Max(r => Math.Abs(r[0].Gap));
        rows.Add(new ClaimRow("003.sensitivity-gap-p0", Source,
            "Without dropout (p = 0) the train/validation gap is the widest: the model starts to overfit.",
            "gap 0.026 at p = 0, the widest",
            $"|gap| at p = 0 is {Judge.Number(p0Gap, 4)} in every seed; widest in {p0Widest} of {Seeds} seeds",
            Judge.From(p0Widest > Seeds / 2 && Judge.Within(Math.Abs(seed42[0].Gap), 0.0262, 0.01), p0Widest > Seeds / 2),
            "The script's validation loss is the training data without the mask, so at p = 0 (mask all ones) both losses are the " +
            "same number and the gap is exactly 0. Holds if p = 0 has the widest gap in most seeds and seed 42's is within ±0.01 " +
            "of 0.026; widest in most seeds holds qualitatively."));

        int trainRises = runs.Count(r => Increasing(r.Select(x => x.TrainLoss)));
        rows.Add(new ClaimRow("003.sensitivity-train-rises", Source,
            "Training loss rises with the dropout rate (0.18, 0.25, 0.30, 0.43 for p = 0, 0.3, 0.5, 0.7).",
            "rises with p",
            $"mean over seeds 0–{Seeds - 1}: {Judge.Vector(meanTrain, 4)}; rising in {trainRises} of {Seeds} seeds",
            Judge.From(Increasing(meanTrain) && meanTrain.Select((m, k) => Judge.Within(m, DocumentTrain[k], 0.05)).All(b => b),
                Increasing(meanTrain) && trainRises > Seeds / 2),
            "Direction over 20 seeds: the mean rising with p and rising in most seeds holds qualitatively; each mean also within " +
            "±0.05 of the printed loss holds."));

        int underfit = runs.Count(r => r[3].ValidationLoss > r[0].ValidationLoss && r[3].TrainLoss > r[0].TrainLoss);
        rows.Add(new ClaimRow("003.sensitivity-underfit", Source,
            "At p = 0.7 both training and validation loss are high: too many units dropped, the model underfits.",
            "0.4317 / 0.4129, highest",
            $"p 0.7 above p 0 in both losses in {underfit} of {Seeds} seeds (mean validation {Judge.Number(meanValidation[3], 4)} vs " +
                $"{Judge.Number(meanValidation[0], 4)})",
            Judge.From(underfit > Seeds / 2 && Judge.Within(meanValidation[3] - meanValidation[0], 0.4129 - 0.2104, 0.05), underfit > Seeds / 2),
            "Direction: both losses above p = 0's in most seeds holds qualitatively; the validation rise also within ±0.05 of " +
            "the printed 0.20 holds."));
        return rows;
    }

    private static bool Increasing(IEnumerable<double> values)
    {
        double previous = double.NegativeInfinity;
        foreach (var v in values)
        {
            if (!(v > previous)) return false;
            previous = v;
        }
        return true;
    }

    private static Figure Plot(double[] meanTrain, double[] meanValidation) =>
        new(FigureFile, "Dropout-rate sensitivity (churn network, 100 steps)",
        [
            new FigurePanel($"mean over seeds 0–{Seeds - 1} vs the document's table", "dropout rate p", "loss after 100 steps",
            [
                new FigureSeries("train (measured)", Rates, meanTrain),
                new FigureSeries("validation (measured)", Rates, meanValidation),
                new FigureSeries("train (document)", Rates, DocumentTrain, SeriesKind.Markers),
                new FigureSeries("validation (document)", Rates, DocumentValidation, SeriesKind.Markers),
            ]),
        ]);
}
