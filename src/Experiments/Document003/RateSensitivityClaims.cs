using Verification.Core;
using Verification.Core.Documents;
using Verification.Core.Scripts;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Document003;

/// <summary>
/// The dropout-rate sensitivity table of 003_8edb894460b127c3.txt (p = 0, 0.3, 0.5, 0.7), re-run exactly as the
/// document's code runs it: <see cref="ChurnSensitivityScript"/> with NumPy's own generators for seed 42 (PCG64 and
/// the ziggurat normal for the weights, the legacy MT19937 for the masks), checked against NumPy's output in
/// tests/Golden/numpy.json. So each measured value is what the printed code prints, and the rows compare the
/// document's table with that one. The stack is not used: the document's script is plain NumPy.
/// </summary>
public sealed class RateSensitivityClaims : IClaimSet, IPlottable
{
    /// <summary>The document's rates.</summary>
    public static readonly double[] Rates = [0.0, 0.3, 0.5, 0.7];

    /// <summary>The document's printed training losses, by rate.</summary>
    public static readonly double[] DocumentTrain = [0.1842, 0.2531, 0.3012, 0.4317];

    /// <summary>The document's printed validation losses, by rate.</summary>
    public static readonly double[] DocumentValidation = [0.2104, 0.2395, 0.2718, 0.4129];

    /// <summary>The file name of the rate-sensitivity figure.</summary>
    public const string FigureFile = "003-rate-sensitivity.png";

    /// <summary>Half a unit in the fourth decimal: a printed loss is the true one when within it.</summary>
    private const double PrintedPrecision = 0.00005;

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
        var runs = Rates.Select(p => ChurnSensitivityScript.Train(p)).ToArray();
        double[] train = runs.Select(r => r.TrainLoss).ToArray();
        double[] validation = runs.Select(r => r.ValidationLoss).ToArray();
        _figures = [Plot(train, validation)];
        var rows = new List<ClaimRow>();

        string table = string.Join("; ", runs.Select(r =>
            $"p {Judge.Number(r.P, 1)}: {Judge.Number(r.TrainLoss, 4)} / {Judge.Number(r.ValidationLoss, 4)}"));
        bool digits = runs.Select((r, k) => Judge.Within(r.TrainLoss, DocumentTrain[k], PrintedPrecision)
            && Judge.Within(r.ValidationLoss, DocumentValidation[k], PrintedPrecision)).All(b => b);
        bool level = runs.Select((r, k) => Judge.Within(r.TrainLoss, DocumentTrain[k], 0.05)
            && Judge.Within(r.ValidationLoss, DocumentValidation[k], 0.05)).All(b => b);
        rows.Add(new ClaimRow("003.sensitivity-levels", Source,
            "After 100 steps the losses (train / validation) are 0.18/0.21 at p = 0 rising to 0.43/0.41 at p = 0.7.",
            "0.1842/0.2104, 0.2531/0.2395, 0.3012/0.2718, 0.4317/0.4129",
            $"the code prints {table}",
            Judge.From(digits, level),
            "The document's own code and seed, run as NumPy runs it (weights, masks and per-epoch losses match NumPy: " +
            "tests/Golden/numpy.json), so the printed digits are the claim: every loss within half a unit of the fourth decimal " +
            "holds; every loss within ±0.05 holds qualitatively. With weights of sd 0.1 and 100 plain steps of lr 0.05 the " +
            "network barely leaves ln 2 = 0.693."));

        double[] gaps = runs.Select(r => Math.Abs(r.Gap)).ToArray();
        bool p0Widest = gaps[0] >= gaps.Skip(1).Max();
        rows.Add(new ClaimRow("003.sensitivity-gap-p0", Source,
            "Without dropout (p = 0) the train/validation gap is the widest: the model starts to overfit.",
            "gap 0.0262 at p = 0, the widest",
            $"|gap| by p: {Judge.Vector(gaps, 4)}",
            Judge.From(p0Widest && Judge.Within(gaps[0], 0.2104 - 0.1842, 2 * PrintedPrecision), p0Widest),
            "The script's validation loss is the training data without the mask, so at p = 0 (mask all ones) both losses are the " +
            "same number and the gap is exactly 0. Holds if p = 0's gap is the widest and within one unit of the fourth decimal " +
            "(the difference of two printed values) of 0.0262; the widest alone holds qualitatively."));

        rows.Add(new ClaimRow("003.sensitivity-train-rises", Source,
            "Training loss rises with the dropout rate (0.18, 0.25, 0.30, 0.43 for p = 0, 0.3, 0.5, 0.7).",
            "rises with p",
            $"training loss by p: {Judge.Vector(train, 4)}",
            Judge.From(Increasing(train) && train.Select((m, k) => Judge.Within(m, DocumentTrain[k], PrintedPrecision)).All(b => b),
                Increasing(train)),
            "Rising with p holds qualitatively; each value also equal to the printed one (half a unit of the fourth decimal) holds."));

        bool highest = train[3] >= train.Max() && validation[3] >= validation.Max();
        rows.Add(new ClaimRow("003.sensitivity-underfit", Source,
            "At p = 0.7 both training and validation loss are high: too many units dropped, the model underfits.",
            "0.4317 / 0.4129, highest",
            $"p 0.7: {Judge.Number(train[3], 4)} / {Judge.Number(validation[3], 4)}; highest training loss at p " +
                $"{Judge.Number(Rates[Array.IndexOf(train, train.Max())], 1)}, highest validation loss at p " +
                $"{Judge.Number(Rates[Array.IndexOf(validation, validation.Max())], 1)}",
            Judge.From(highest && Judge.Within(validation[3] - validation[0], 0.4129 - 0.2104, 2 * PrintedPrecision), highest),
            "Both losses highest at p = 0.7 holds qualitatively; the validation rise over p = 0 also equal to the printed 0.2025 " +
            "(one unit of the fourth decimal) holds."));
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

    private static Figure Plot(double[] train, double[] validation) =>
        new(FigureFile, "Dropout-rate sensitivity (churn network, 100 steps)",
        [
            new FigurePanel("seed 42 as NumPy runs it vs the document's table", "dropout rate p", "loss after 100 steps",
            [
                new FigureSeries("train (measured)", Rates, train),
                new FigureSeries("validation (measured)", Rates, validation),
                new FigureSeries("train (document)", Rates, DocumentTrain, SeriesKind.Markers),
                new FigureSeries("validation (document)", Rates, DocumentValidation, SeriesKind.Markers),
            ]),
        ]);
}
