using Verification.Core;
using Verification.Core.Random;
using Verification.Exercises.Key;

namespace Verification.Exercises.Tests.WrongAnswers;

// Document 000's classic mistakes, each the answer key with exactly one thing wrong.

/// <summary>Keeps Dropout(0) layers in the "without dropout" network: the parameter names shift to 0, 3, 6.</summary>
public sealed class IdentityDropoutLayersKept : AnswerKey
{
    public override IModule BuildOverfittingModel(IStack stack, TorchGenerator generator, double dropoutP) =>
        stack.Sequential(stack.Linear(20, 256, generator), stack.ReLU(), stack.Dropout(dropoutP, generator),
            stack.Linear(256, 256, generator), stack.ReLU(), stack.Dropout(dropoutP, generator), stack.Linear(256, 1, generator));
}

/// <summary>Builds the output layer first: the right shapes, but every layer's initial values come from other draws.</summary>
public sealed class LayersInitialisedOutOfOrder : AnswerKey
{
    public override IModule BuildOverfittingModel(IStack stack, TorchGenerator generator, double dropoutP)
    {
        var output = stack.Linear(256, 1, generator);
        var first = stack.Linear(20, 256, generator);
        var second = stack.Linear(256, 256, generator);
        return stack.Sequential(first, stack.ReLU(), second, stack.ReLU(), output);
    }
}

/// <summary>Puts the second Dropout after the output layer instead of after the second hidden ReLU.</summary>
public sealed class DropoutAfterTheOutput : AnswerKey
{
    public override IModule BuildOverfittingModel(IStack stack, TorchGenerator generator, double dropoutP)
    {
        if (dropoutP == 0) return base.BuildOverfittingModel(stack, generator, dropoutP);
        return stack.Sequential(stack.Linear(20, 256, generator), stack.ReLU(), stack.Dropout(dropoutP, generator),
            stack.Linear(256, 256, generator), stack.ReLU(), stack.Linear(256, 1, generator), stack.Dropout(dropoutP, generator));
    }
}

/// <summary>CS231n's convention: passes the keep probability 1 − p where PyTorch takes the drop probability.</summary>
public sealed class KeepProbabilityPassedAsP : AnswerKey
{
    public override IModule BuildOverfittingModel(IStack stack, TorchGenerator generator, double dropoutP) =>
        base.BuildOverfittingModel(stack, generator, dropoutP == 0 ? 0 : 1 - dropoutP);
}

/// <summary>Measures accuracy without switching to eval mode: dropout stays on.</summary>
public sealed class AccuracyInTrainingMode : AnswerKey
{
    public override double Accuracy(IModule model, Tensor inputs, Tensor labels)
    {
        var logits = model.Forward(inputs);
        return Enumerable.Range(0, logits.Length).Count(i => (logits.Data[i] > 0 ? 1f : 0f) == labels.Data[i]) / (double)logits.Length;
    }
}

/// <summary>Thresholds the logits at 0.5, as if they were probabilities.</summary>
public sealed class AccuracyThresholdedAtOneHalf : AnswerKey
{
    public override double Accuracy(IModule model, Tensor inputs, Tensor labels)
    {
        model.SetTraining(false);
        var logits = model.Forward(inputs);
        return Enumerable.Range(0, logits.Length).Count(i => (logits.Data[i] > 0.5f ? 1f : 0f) == labels.Data[i]) / (double)logits.Length;
    }
}

/// <summary>"Fixes" the bug it was asked to measure: evaluates in eval mode, so every repeat is the same.</summary>
public sealed class NoisyAccuracyMeasuredInEvalMode : AnswerKey
{
    public override double[] AccuraciesWithDropoutLeftOn(IModule model, Tensor inputs, Tensor labels, int repeats) =>
        Enumerable.Range(0, repeats).Select(_ => Accuracy(model, inputs, labels)).ToArray();
}
