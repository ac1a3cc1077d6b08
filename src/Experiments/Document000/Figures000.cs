using Verification.Core.Scripts;
using Verification.Core.Training;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Document000;

/// <summary>
/// Document 000's figure re-drawn from the measured run: train and validation accuracy over 250 epochs, without
/// dropout on the left and with Dropout(0.4) on the right, on shared axes so the two plateaus compare by eye; and the
/// two training-loss curves.
/// </summary>
public static class Figures000
{
    /// <summary>File name of the side-by-side accuracy figure.</summary>
    public const string AccuracyFile = "000-accuracy.png";

    /// <summary>File name of the loss figure.</summary>
    public const string LossFile = "000-loss.png";

    /// <summary>Both figures of <paramref name="result"/>.</summary>
    public static IReadOnlyList<Figure> Of(OverfittingScript.Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        string dropout = $"with Dropout({result.Settings.DropoutP.ToString(System.Globalization.CultureInfo.InvariantCulture)})";
        return
        [
            new Figure(AccuracyFile, "Overfitting on 60 samples: accuracy",
            [
                Accuracy("without dropout", result.WithoutDropout),
                Accuracy(dropout, result.WithDropout),
            ]).WithSharedAxes(),
            new Figure(LossFile, "Overfitting on 60 samples: training loss",
            [
                new FigurePanel("training loss (BCE with logits)", "epoch", "loss",
                [
                    Series("without dropout", result.WithoutDropout, r => r.TrainLoss),
                    Series(dropout, result.WithDropout, r => r.TrainLoss),
                ]),
            ]),
        ];
    }

    private static FigurePanel Accuracy(string title, TrainingHistory history) =>
        new(title, "epoch", "accuracy",
        [
            Series("train", history, r => r.TrainAccuracy),
            Series("validation", history, r => r.ValidationAccuracy),
        ]);

    private static FigureSeries Series(string label, TrainingHistory history, Func<EpochRecord, float> metric) =>
        new(label, history.Select(r => (double)r.Epoch).ToArray(), history.Select(r => (double)metric(r)).ToArray());
}
