namespace Verification.Core.Training;

/// <summary>
/// The documents' training loops, step for step. Full batch (document 000):
/// <c>model.train(); loss = loss_fn(model(x), y); opt.zero_grad(); loss.backward(); opt.step()</c>, reporting the
/// loss computed before the step. Mini-batch (document 002): the same per batch of a <see cref="DataLoader"/>.
/// Evaluation switches to eval mode (<c>model.eval()</c>) and leaves the model there, as the documents do;
/// the next training step switches back. <see cref="Fit"/> runs whole trainings, with early stopping when given one.
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

    /// <summary>
    /// Runs up to <paramref name="maxEpochs"/> epochs of <paramref name="runEpoch"/> (given the epoch index, it trains one
    /// epoch and returns its record) and, with <paramref name="earlyStopping"/>, hands each epoch's validation loss to it
    /// after the epoch: the run ends after the first epoch for which <see cref="EarlyStopping.ShouldStop"/> says so, that is
    /// <c>patience</c> epochs after the last improvement, with the best epoch's parameters and buffers restored when the
    /// stopper keeps them (Keras' <c>EarlyStopping(restore_best_weights=True)</c> at the end of an epoch). A run that reaches
    /// <paramref name="maxEpochs"/> without stopping keeps its last weights. Epochs count from 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxEpochs"/> is below 1.</exception>
    /// <exception cref="ArgumentException"><paramref name="earlyStopping"/> has already seen epochs (a stopper serves one run).</exception>
    /// <exception cref="InvalidOperationException">With early stopping, an epoch's record has no validation loss.</exception>
    public static FitResult Fit(IModule model, int maxEpochs, Func<int, EpochRecord> runEpoch, EarlyStopping? earlyStopping = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(runEpoch);
        if (maxEpochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxEpochs), maxEpochs, $"maxEpochs must be at least 1, but got {maxEpochs}.");
        }
        if (earlyStopping is not null && (earlyStopping.BestEpoch >= 0 || earlyStopping.EpochsWithoutImprovement > 0 || earlyStopping.Stopped))
        {
            throw new ArgumentException("this EarlyStopping has already seen epochs; create a new one for each run.", nameof(earlyStopping));
        }
        var history = new TrainingHistory();
        for (int epoch = 0; epoch < maxEpochs; epoch++)
        {
            EpochRecord record = runEpoch(epoch);
            history.Add(record);
            if (earlyStopping is null)
            {
                continue;
            }
            float validationLoss = record.ValidationLoss
                ?? throw new InvalidOperationException($"epoch {epoch}'s record has no validation loss, which early stopping needs.");
            if (earlyStopping.ShouldStop(validationLoss, model))
            {
                return new FitResult(history, epoch, Best(earlyStopping), earlyStopping.RestoreBestWeights && earlyStopping.BestEpoch >= 0);
            }
        }
        return new FitResult(history, null, earlyStopping is null ? null : Best(earlyStopping), false);
    }

    /// <summary>
    /// <see cref="Fit"/> over document 000's full-batch epochs (<see cref="FullBatchEpoch"/>: binary accuracies) with the
    /// validation loss measured in eval mode after each epoch's step.
    /// </summary>
    public static FitResult FitFullBatch(IModule model, ILoss loss, IOptimizer optimizer, Tensor trainInputs, Tensor trainTargets,
        Tensor validationInputs, Tensor validationTargets, int maxEpochs, EarlyStopping? earlyStopping = null) =>
        Fit(model, maxEpochs, epoch => FullBatchEpoch(epoch, model, loss, optimizer, trainInputs, trainTargets, validationInputs,
                validationTargets) with { ValidationLoss = EvaluateLoss(model, loss, validationInputs, validationTargets) },
            earlyStopping);

    /// <summary>
    /// <see cref="Fit"/> over mini-batch epochs of <paramref name="train"/> (<see cref="MiniBatchEpoch"/>), then, in eval
    /// mode, the multiclass accuracy of the whole training and validation sets and the validation loss (class-index targets,
    /// as <c>CrossEntropyLoss</c> takes them).
    /// </summary>
    public static FitResult FitMiniBatch(IModule model, ILoss loss, IOptimizer optimizer, DataLoader train, Tensor trainInputs,
        Tensor trainTargets, Tensor validationInputs, Tensor validationTargets, int maxEpochs, EarlyStopping? earlyStopping = null)
    {
        ArgumentNullException.ThrowIfNull(trainInputs);
        ArgumentNullException.ThrowIfNull(trainTargets);
        ArgumentNullException.ThrowIfNull(validationInputs);
        ArgumentNullException.ThrowIfNull(validationTargets);
        return Fit(model, maxEpochs, epoch =>
        {
            float trainLoss = MiniBatchEpoch(model, loss, optimizer, train);
            model.SetTraining(false);
            float trainAccuracy = Metrics.MulticlassAccuracy(model.Forward(trainInputs), trainTargets);
            float validationAccuracy = Metrics.MulticlassAccuracy(model.Forward(validationInputs), validationTargets);
            float validationLoss = EvaluateLoss(model, loss, validationInputs, validationTargets);
            return new EpochRecord(epoch, trainLoss, trainAccuracy, validationAccuracy, validationLoss);
        }, earlyStopping);
    }

    private static int? Best(EarlyStopping stopper) => stopper.BestEpoch >= 0 ? stopper.BestEpoch : null;
}
