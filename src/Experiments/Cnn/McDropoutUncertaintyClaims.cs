using Verification.Core;
using Verification.Core.Documents;
using Verification.Core.Scripts;
using Verification.Core.Training;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Cnn;

/// <summary>
/// 003_8edb894460b127c3.txt's reading of dropout as "an ensemble of 2^n sub-networks", taken one step further as MC dropout
/// (Gal and Ghahramani, 2016): sampling that ensemble at test time gives a predictive spread, and the well-known result is
/// that the spread is larger where the model is wrong. The Dropout2d(0.2) digits CNNs of <see cref="CnnDropoutRuns"/>, each
/// loaded into a model whose masks come from a fresh generator, run <see cref="Passes"/> stochastic passes over the 797
/// validation digits (<see cref="McDropout.Predict"/> on softmax probabilities); the prediction is the argmax of the mean
/// probability and its uncertainty the standard deviation of that class's probability over the passes.
/// </summary>
public sealed class McDropoutUncertaintyClaims : IClaimSet, IPlottable
{
    /// <summary>Stochastic passes per digit.</summary>
    public const int Passes = 20;

    /// <summary>The Dropout2d rate of the models.</summary>
    public const double P = 0.2;

    /// <summary>Added to a run's seed to seed the generator of its MC masks.</summary>
    public const ulong MaskSeedOffset = 1000;

    /// <summary>The file name of the figure.</summary>
    public const string FigureFile = "003-mc-dropout-uncertainty.png";

    private const string Source = CourseDocuments.Document003;
    private const int Bins = 12;
    private IReadOnlyList<Figure> _figures = [];

    /// <inheritdoc/>
    public string Name => "003-mc-dropout-uncertainty";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<Figure> Figures => _figures;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var digits = CnnDropoutRuns.Digits;
        var perSeed = new List<(double Correct, double Wrong, int WrongCount)>();
        var correctSpreads = new List<double>();
        var wrongSpreads = new List<double>();
        foreach (var run in CnnDropoutRuns.Variant(stack, ConvDropout.Dropout2d, P))
        {
            var model = new SoftmaxOutput(CnnDropoutRuns.Load(stack, run, run.Seed + MaskSeedOffset));
            var prediction = McDropout.Predict(model, digits.ValidationImages, Passes);
            var correct = new List<double>();
            var wrong = new List<double>();
            for (int i = 0; i < digits.ValidationLabels.Length; i++)
            {
                int predicted = Metrics.ArgMax(prediction.Mean, i);
                double spread = prediction.StandardDeviation.Data[i * prediction.Mean.Size(1) + predicted];
                (predicted == (int)digits.ValidationLabels.Data[i] ? correct : wrong).Add(spread);
            }
            perSeed.Add((correct.Average(), wrong.Count > 0 ? wrong.Average() : double.NaN, wrong.Count));
            correctSpreads.AddRange(correct);
            wrongSpreads.AddRange(wrong);
        }
        _figures = [Plot(correctSpreads, wrongSpreads)];

        var differences = SeedSummary.Of(perSeed.Select(s => s.Wrong - s.Correct).ToArray());
        int larger = perSeed.Count(s => s.Wrong > s.Correct);
        var correctSummary = SeedSummary.Of(perSeed.Select(s => s.Correct).ToArray());
        var wrongSummary = SeedSummary.Of(perSeed.Select(s => s.Wrong).ToArray());
        return
        [
            ClaimRow.Of(Source, "mc-dropout-uncertainty",
                "Sampling the dropout ensemble at test time (MC dropout, T passes): the predictive standard deviation is larger " +
                "on misclassified validation digits than on correctly classified ones.",
                "not printed (the ensemble reading; Gal and Ghahramani, 2016)",
                $"sd of the predicted class's probability, T = {Passes}, Dropout2d({CnnFigures.Rate(P)}), {perSeed.Count} seeds: " +
                    $"misclassified {Judge.Number(wrongSummary.Mean, 3)} ± {Judge.Number(wrongSummary.StandardDeviation, 3)}, correct " +
                    $"{Judge.Number(correctSummary.Mean, 3)} ± {Judge.Number(correctSummary.StandardDeviation, 3)}; larger in {larger} of " +
                    $"{perSeed.Count} seeds ({string.Join(", ", perSeed.Select(s => s.WrongCount))} misclassified of 797)",
                Judge.From(larger == perSeed.Count && differences.Mean > 2 * differences.StandardError, differences.Mean > 0),
                "Rule, fixed before the run: per seed, the mean sd over misclassified digits minus the mean over correct ones; larger " +
                "in every seed and the mean difference above twice its standard error (paired over seeds) holds; a positive mean " +
                "difference holds qualitatively; otherwise does not hold. Only the dropout layers are in training mode during the " +
                "passes; the weights are the trained run's, the masks a fresh generator's."),
        ];
    }

    private static Figure Plot(List<double> correct, List<double> wrong)
    {
        double top = Math.Max(correct.DefaultIfEmpty(0).Max(), wrong.DefaultIfEmpty(0).Max());
        double width = top > 0 ? top / Bins : 1;
        double[] centres = Enumerable.Range(0, Bins).Select(b => (b + 0.5) * width).ToArray();
        return new Figure(FigureFile, "MC dropout on the digits CNN: predictive spread",
        [
            new FigurePanel($"sd of the predicted class's probability, T = {Passes}, all seeds", "standard deviation",
                "fraction of the group's digits",
            [
                new FigureSeries($"correct ({correct.Count})", centres, Fractions(correct, width)),
                new FigureSeries($"misclassified ({wrong.Count})", centres, Fractions(wrong, width)),
            ]),
        ]);
    }

    private static double[] Fractions(List<double> values, double width)
    {
        var counts = new double[Bins];
        foreach (double v in values)
        {
            counts[Math.Min(Bins - 1, (int)(v / width))]++;
        }
        return counts.Select(c => values.Count == 0 ? 0 : c / values.Count).ToArray();
    }
}
