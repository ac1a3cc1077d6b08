using Verification.Core;
using Verification.Core.Random;
using Verification.Exercises.Key;

namespace Verification.Exercises.Tests.WrongAnswers;

// Classic mistakes in the exercises that run layers; each is the key with one thing wrong.

/// <summary>Leaves the dropout layer in eval mode, so every pass returns the input.</summary>
public sealed class MeanOverMasksInEvalMode : AnswerKey
{
    public override float[] MeanOverMasks(IStack stack, float[] activations, double p, int passes, TorchGenerator generator) =>
        (float[])activations.Clone();
}

/// <summary>Averages masks without the 1/(1−p) rescale (the means sit near a·(1−p)).</summary>
public sealed class MeanOverMasksWithoutRescale : AnswerKey
{
    public override float[] MeanOverMasks(IStack stack, float[] activations, double p, int passes, TorchGenerator generator) =>
        base.MeanOverMasks(stack, activations, p, passes, generator).Select(v => (float)(v * (1 - p))).ToArray();
}

/// <summary>Collects BatchNorm's statistics with dropout inactive (the model left in eval mode while "training").</summary>
public sealed class BatchNormStatisticsWithoutDropout : AnswerKey
{
    public override double BatchNormAfterDropoutEvalVariance(IStack stack, TorchGenerator generator, double p) =>
        base.BatchNormAfterDropoutEvalVariance(stack, generator, 0);
}

/// <summary>Repeats the document's printout: no zeros at eval time.</summary>
public sealed class NoZerosInEval : AnswerKey
{
    public override (int TrainingZeros, int EvalZeros) CountZeroOutputs(IStack stack, TorchGenerator generator) =>
        (base.CountZeroOutputs(stack, generator).TrainingZeros, 0);
}

/// <summary>Forgets model.eval() before predicting.</summary>
public sealed class PredictInTrainingMode : AnswerKey
{
    public override Tensor Predict(IModule model, Tensor inputs) => model.Forward(inputs).Clone();
}

/// <summary>Puts dropout after the output layer too.</summary>
public sealed class DropoutOnTheOutputLayer : AnswerKey
{
    public override IModule BuildClassifier(IStack stack, TorchGenerator generator, int inputs, int hidden, int outputs, double p) =>
        stack.Sequential(
            stack.Linear(inputs, hidden, generator), stack.ReLU(), stack.Dropout(p, generator),
            stack.Linear(hidden, hidden, generator), stack.ReLU(), stack.Dropout(p, generator),
            stack.Linear(hidden, outputs, generator), stack.Dropout(p, generator));
}

/// <summary>Counts the dropped units instead of the active ones.</summary>
public sealed class ActiveUnitsCountedAsDropped : AnswerKey
{
    public override double ExpectedActiveUnits(int units, double p) => units * p;
}

/// <summary>Counts weights but not biases.</summary>
public sealed class ParameterCountsWithoutBiases : AnswerKey
{
    public override (long Bagging, long Dropout) ParameterCounts(int models, int inputs, int hidden, int outputs)
    {
        long single = (long)inputs * hidden + (long)hidden * outputs;
        return (models * single, single);
    }
}

/// <summary>Uses Adam's coupled decay where AdamW was asked, so both effects come out the same.</summary>
public sealed class AdamWhereAdamWWasAsked : AnswerKey
{
    public override (double Adam, double AdamW) DecayEffect(IStack stack, float gradient)
    {
        double adam = base.DecayEffect(stack, gradient).Adam;
        return (adam, adam);
    }
}

/// <summary>Measures the residual block with dropout switched off during training.</summary>
public sealed class ResidualStatisticsWithoutDropout : AnswerKey
{
    public override double ResidualBlockEvalVariance(IStack stack, TorchGenerator generator, double p) =>
        base.ResidualBlockEvalVariance(stack, generator, 0);
}

/// <summary>Builds Dropout with the keep probability 1 − p (CS231n's convention): the same layer only at p = 0.5.</summary>
public sealed class BatchNormAfterKeepProbabilityDropout : AnswerKey
{
    public override double BatchNormAfterDropoutEvalVariance(IStack stack, TorchGenerator generator, double p) =>
        base.BatchNormAfterDropoutEvalVariance(stack, generator, 1 - p);
}

/// <summary>Rounds the expected number of active units to a whole count: right only where n·(1 − p) is an integer.</summary>
public sealed class ActiveUnitsRounded : AnswerKey
{
    public override double ExpectedActiveUnits(int units, double p) => Math.Round(units * (1 - p));
}
