using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Scripts;
using Verification.Core.Training;

namespace Verification.Experiments.Document000;

/// <summary>What evaluating the dropout model of document 000 gives with and without <c>model.eval()</c>.</summary>
/// <param name="EvalMode">Validation accuracy in eval mode, once per call (the calls draw nothing).</param>
/// <param name="DropoutOn">Validation accuracy with dropout left on, once per call, each with fresh masks.</param>
/// <param name="FinalTrainLoss">The training loss of the last epoch, to check the run against the shared one.</param>
public sealed record ForgottenEvalResult(float[] EvalMode, float[] DropoutOn, float FinalTrainLoss);

/// <summary>
/// Document 000's warning that forgetting <c>model.eval()</c> gives wrong, noisy validation numbers: trains the
/// document's Dropout(0.4) model exactly as its script does (seed, data, the first model's initialisation, then the
/// dropout model's, 250 full-batch Adam steps), then evaluates the validation set several times in eval mode and
/// several times with dropout still on, the masks drawn from where training left the generator — the numbers
/// PyTorch would print.
/// </summary>
public static class ForgottenEval
{
    /// <summary>Runs the procedure; <paramref name="repeats"/> evaluations of each kind.</summary>
    public static ForgottenEvalResult Run(IStack stack, int repeats = 10)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 2);
        var settings = new OverfittingScript.Settings();
        var generator = new TorchGenerator(settings.Seed);
        var data = OverfittingData.Create(generator);
        OverfittingScript.BuildModel(stack, generator, settings, dropout: false);
        var model = OverfittingScript.BuildModel(stack, generator, settings, dropout: true);
        var optimizer = stack.Adam(model.Parameters(), lr: settings.LearningRate);
        var loss = stack.BCEWithLogitsLoss();
        float last = float.NaN;
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            last = Trainer.FullBatchStep(model, loss, optimizer, data.TrainInputs, data.TrainTargets);
        }
        var evalMode = new float[repeats];
        for (int i = 0; i < repeats; i++)
        {
            evalMode[i] = Trainer.EvaluateBinaryAccuracy(model, data.ValidationInputs, data.ValidationTargets);
        }
        var dropoutOn = new float[repeats];
        model.SetTraining(true);
        for (int i = 0; i < repeats; i++)
        {
            dropoutOn[i] = Metrics.BinaryAccuracy(model.Forward(data.ValidationInputs), data.ValidationTargets);
        }
        return new ForgottenEvalResult(evalMode, dropoutOn, last);
    }
}
