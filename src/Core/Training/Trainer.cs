namespace Verification.Core.Training;

/// <summary>
/// The documents' training loops, step for step. Full batch (document 000):
/// <c>model.train(); loss = loss_fn(model(x), y); opt.zero_grad(); loss.backward(); opt.step()</c>, reporting the
/// loss computed before the step. Mini-batch (document 002): the same per batch of a <see cref="DataLoader"/>.
/// Evaluation switches to eval mode (<c>model.eval()</c>) and leaves the model there, as the documents do;
/// the next training step switches back.
/// </summary>
public static class Trainer
{
    /// <summary>One full-batch step; returns the loss before the step.</summary>
    public static float FullBatchStep(IModule model, ILoss loss, IOptimizer optimizer, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        model.SetTraining(true);
        float value = loss.Forward(model.Forward(x), y);
        optimizer.ZeroGrad();
        model.Backward(loss.Backward());
        optimizer.Step();
        return value;
    }

    /// <summary>
    /// One epoch of document 000's experiment: a full-batch step on the training set, then binary accuracy on
    /// the training and validation sets in eval mode (no random draws).
    /// </summary>
    public static EpochRecord FullBatchEpoch(int epoch, IModule model, ILoss loss, IOptimizer optimizer,
        Tensor trainInputs, Tensor trainTargets, Tensor validationInputs, Tensor validationTargets)
    {
        float trainLoss = FullBatchStep(model, loss, optimizer, trainInputs, trainTargets);
        float trainAccuracy = EvaluateBinaryAccuracy(model, trainInputs, trainTargets);
        float validationAccuracy = EvaluateBinaryAccuracy(model, validationInputs, validationTargets);
        return new EpochRecord(epoch, trainLoss, trainAccuracy, validationAccuracy);
    }

    /// <summary>One pass over <paramref name="loader"/> (a fresh <c>iter(loader)</c>) with a step per batch; returns the mean batch loss.</summary>
    public static float MiniBatchEpoch(IModule model, ILoss loss, IOptimizer optimizer, DataLoader loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        double sum = 0; // the mean of a few hundred batch losses; double keeps it independent of their order
        int batches = 0;
        foreach (var batch in loader.Epoch())
        {
            sum += FullBatchStep(model, loss, optimizer, batch.Inputs, batch.Targets);
            batches++;
        }
        return (float)(sum / batches);
    }

    /// <summary>The loss in eval mode, without a step.</summary>
    public static float EvaluateLoss(IModule model, ILoss loss, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loss);
        model.SetTraining(false);
        return loss.Forward(model.Forward(x), y);
    }

    /// <summary>Binary accuracy of the logits in eval mode (document 000).</summary>
    public static float EvaluateBinaryAccuracy(IModule model, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.SetTraining(false);
        return Metrics.BinaryAccuracy(model.Forward(x), y);
    }

    /// <summary>
    /// Document 002's <c>evaluate_accuracy</c>: eval mode, one pass over <paramref name="loader"/> (which draws its
    /// seeds as PyTorch's loader does), correct predictions summed over batches, divided by the sample count.
    /// </summary>
    public static float EvaluateMulticlassAccuracy(IModule model, DataLoader loader)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(loader);
        model.SetTraining(false);
        int correct = 0, total = 0;
        foreach (var batch in loader.Epoch())
        {
            correct += Metrics.MulticlassCorrect(model.Forward(batch.Inputs), batch.Targets);
            total += batch.Targets.Size(0);
        }
        // Python's correct / total is a double; rounded once to float here.
        return (float)((double)correct / total);
    }
}
