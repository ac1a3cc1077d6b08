using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Random;
using Verification.Core.Scripts;
using Verification.Core.Training;
using Verification.Optimized;
using Verification.Reference;
using Xunit;
using Xunit.Sdk;
using Tol = Verification.Properties.CrossChecks.CrossCheckTolerances;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// Whole training runs with each stack agree epoch by epoch: the loss within
/// <see cref="CrossCheckTolerances.TrainingLossRelative"/>, the accuracies exactly. Runs are short because coverage
/// instrumentation slows the Reference's loops 10–50× in this project.
/// </summary>
public class TrainingCrossChecks
{
    [Theory]
    [InlineData(32, 5, false)]
    [InlineData(32, 5, true)]
    [InlineData(256, 1, true)]
    public void Document_000s_experiment_agrees_epoch_by_epoch(int hidden, int epochs, bool withDropout)
    {
        var settings = new OverfittingScript.Settings(Epochs: epochs, Hidden: hidden);
        TrainingHistory reference = OverfittingScript.TrainOne(ReferenceStack.Instance, settings, withDropout);
        TrainingHistory optimized = OverfittingScript.TrainOne(new OptimizedStack(), settings, withDropout);
        Assert.Equal(epochs, reference.Count);
        Assert.Equal(epochs, optimized.Count);
        for (int e = 0; e < epochs; e++)
        {
            string what = $"document 000, hidden {hidden}, {(withDropout ? "with" : "without")} dropout, epoch {e + 1}";
            LossClose(reference[e].TrainLoss, optimized[e].TrainLoss, what);
            AccuracyEqual(reference[e].TrainAccuracy, optimized[e].TrainAccuracy, $"{what}: train accuracy");
            AccuracyEqual(reference[e].ValidationAccuracy, optimized[e].ValidationAccuracy, $"{what}: validation accuracy");
        }
    }

    [Fact]
    public void A_minibatch_run_with_shuffling_dropout_batchnorm_and_AdamW_agrees_epoch_by_epoch()
    {
        var (rLosses, rAccuracies) = MiniBatchRun(ReferenceStack.Instance);
        var (oLosses, oAccuracies) = MiniBatchRun(new OptimizedStack());
        for (int e = 0; e < rLosses.Length; e++)
        {
            string what = $"FourClassData mini-batch run, epoch {e + 1}";
            LossClose(rLosses[e], oLosses[e], what);
            AccuracyEqual(rAccuracies[e], oAccuracies[e], $"{what}: validation accuracy");
        }
    }

    /// <summary>
    /// Document 002's data (seed 0), <c>Linear(50, 32, bias: false), BatchNorm1d(32), ReLU, Dropout(0.3), Linear(32, 4)</c>,
    /// AdamW(lr 1e-2), shuffled batches of 64 (the last one 56), three epochs, validation accuracy in eval mode after each;
    /// every draw (data, initialisation, shuffles, loader seeds, masks) from the one generator, as the document's script does.
    /// <para>
    /// Why no bias before BatchNorm (besides being the usual practice): that bias's gradient is zero in exact arithmetic,
    /// so each stack computes rounding noise of about 1e-9, and Adam's m/√v scales any nonzero noise up to a full step
    /// of size lr. With the bias, the two stacks' biases drifted 0.005 apart per step (measured), the running means
    /// followed, and eval logits differed by 0.008 after one epoch — a property of that model under Adam, not of either stack.
    /// </para>
    /// </summary>
    private static (float[] Losses, float[] Accuracies) MiniBatchRun(IStack s)
    {
        const int epochs = 3;
        var g = new TorchGenerator(0);
        var data = FourClassData.Create(g);
        var model = s.Sequential(s.Linear(50, 32, g, bias: false), s.BatchNorm1d(32), s.ReLU(), s.Dropout(0.3, g), s.Linear(32, 4, g));
        var optimizer = s.AdamW(model.Parameters(), lr: 1e-2);
        var loss = s.CrossEntropyLoss();
        var train = new DataLoader(data.TrainInputs, data.TrainLabels, 64, shuffle: true, generator: g);
        var validation = new DataLoader(data.ValidationInputs, data.ValidationLabels, 200, generator: g);
        var losses = new float[epochs];
        var accuracies = new float[epochs];
        for (int e = 0; e < epochs; e++)
        {
            losses[e] = Trainer.MiniBatchEpoch(model, loss, optimizer, train);
            accuracies[e] = Trainer.EvaluateMulticlassAccuracy(model, validation);
        }
        return (losses, accuracies);
    }

    private static void LossClose(float reference, float optimized, string what)
    {
        double error = Math.Abs(optimized - reference), bound = Tol.TrainingLossRelative * Math.Abs(reference) + Tol.TrainingLossAbsolute;
        if (!(error <= bound))
        {
            throw new XunitException($"{what}: loss Reference {reference:R}, Optimized {optimized:R}, error {error:G3} > bound {bound:G3}.");
        }
    }

    private static void AccuracyEqual(float reference, float optimized, string what)
    {
        if (reference != optimized)
        {
            throw new XunitException($"{what}: Reference {reference:R}, Optimized {optimized:R} (accuracies must be equal).");
        }
    }
}
