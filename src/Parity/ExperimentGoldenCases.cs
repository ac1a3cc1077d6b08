using Verification.Core;
using Verification.Core.Scripts;

namespace Verification.Parity;

/// <summary>
/// experiments.json: the first document's experiment end to end — data, initialisation and dropout masks drawn from
/// the Core generator exactly as the Python script draws them — with the per-epoch training loss within
/// <see cref="ParityTolerances.ExperimentLoss"/> and train/validation accuracy equal at every epoch.
/// </summary>
public sealed class ExperimentGoldenCases(int? epochLimit = null) : IGoldenCaseKind
{
    /// <summary>
    /// When set, only the first this-many epochs are trained and compared (a prefix of the same run). The test suite
    /// uses it for the scalar Reference stack, whose 250-epoch runs take minutes under coverage instrumentation; the
    /// Lab's <c>parity</c> command always checks every epoch.
    /// </summary>
    public int? EpochLimit { get; } = epochLimit;

    /// <inheritdoc/>
    public bool Recognizes(GoldenCase c) => c.Op == "overfitting";

    /// <inheritdoc/>
    public void Run(GoldenCase c, IStack stack, CaseCheck check)
    {
        int epochs = Math.Min((int)c.Param("epochs"), EpochLimit ?? int.MaxValue);
        float[] loss = c.Floats("loss")[..epochs], train = c.Floats("train_acc")[..epochs], validation = c.Floats("val_acc")[..epochs];
        var settings = new OverfittingScript.Settings(Seed: c.Seed, Epochs: epochs, LearningRate: c.Param("lr"),
            DropoutP: c.Param("dropout") > 0 ? c.Param("dropout") : 0.4);
        var history = OverfittingScript.TrainOne(stack, settings, withDropout: c.Param("dropout") > 0);
        check.Values("loss per epoch", loss, history.Select(r => r.TrainLoss).ToArray(), ParityTolerances.ExperimentLoss);
        check.Values("train accuracy per epoch", train, history.Select(r => r.TrainAccuracy).ToArray(), ParityTolerances.ExperimentAccuracy);
        check.Values("validation accuracy per epoch", validation, history.Select(r => r.ValidationAccuracy).ToArray(),
            ParityTolerances.ExperimentAccuracy);
    }
}
