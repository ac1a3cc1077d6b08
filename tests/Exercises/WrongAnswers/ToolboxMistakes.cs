using Verification.Core;
using Verification.Core.Random;
using Verification.Exercises.Key;

namespace Verification.Exercises.Tests.WrongAnswers;

// Classic mistakes in the toolbox exercises (docs/exercises/tbx.md); each is the key with one thing wrong.

/// <summary>Counts the dropped channels instead of the kept ones.</summary>
public sealed class DroppedChannelsCounted : AnswerKey
{
    public override int Dropout2dKeptChannels(IStack stack, TorchGenerator generator, int batch, int channels, int height, int width,
        double p) => batch * channels - base.Dropout2dKeptChannels(stack, generator, batch, channels, height, width, p);
}

/// <summary>Counts the kept elements, not the kept planes.</summary>
public sealed class KeptElementsCounted : AnswerKey
{
    public override int Dropout2dKeptChannels(IStack stack, TorchGenerator generator, int batch, int channels, int height, int width,
        double p) => base.Dropout2dKeptChannels(stack, generator, batch, channels, height, width, p) * height * width;
}

/// <summary>Draws the input with randn before building the layer, so the mask comes from a later part of the stream.</summary>
public sealed class InputDrawnBeforeTheLayer : AnswerKey
{
    public override int Dropout2dKeptChannels(IStack stack, TorchGenerator generator, int batch, int channels, int height, int width,
        double p)
    {
        generator.Randn(batch, channels, height, width);
        return base.Dropout2dKeptChannels(stack, generator, batch, channels, height, width, p);
    }
}

/// <summary>Swaps the drop and keep probabilities in a.</summary>
public sealed class AlphaAffineWithKeepProbability : AnswerKey
{
    public override (double A, double B) AlphaDropoutAffine(double p) => (base.AlphaDropoutAffine(1 - p).A, base.AlphaDropoutAffine(p).B);
}

/// <summary>Uses plain dropout's scale for a, without the α′² term.</summary>
public sealed class AlphaAffineWithoutAlphaSquared : AnswerKey
{
    public override (double A, double B) AlphaDropoutAffine(double p) => (1 / Math.Sqrt(1 - p), base.AlphaDropoutAffine(p).B);
}

/// <summary>Gets b's sign wrong.</summary>
public sealed class AlphaAffineWithNegativeShift : AnswerKey
{
    public override (double A, double B) AlphaDropoutAffine(double p) => (base.AlphaDropoutAffine(p).A, -base.AlphaDropoutAffine(p).B);
}

/// <summary>Predicts with the whole model in eval mode: dropout off, every pass the same.</summary>
public sealed class McPredictionInEvalMode : AnswerKey
{
    public override (float[] Mean, float[] StandardDeviation) McDropoutPrediction(IModule model, Tensor input, int passes)
    {
        model.SetTraining(false);
        float[] y = model.Forward(input).Data.ToArray();
        return (y, new float[y.Length]);
    }
}

/// <summary>Puts the whole model in training mode, BatchNorm included (and leaves it there).</summary>
public sealed class McPredictionWithBatchNormTraining : AnswerKey
{
    public override (float[] Mean, float[] StandardDeviation) McDropoutPrediction(IModule model, Tensor input, int passes)
    {
        model.SetTraining(true);
        var outputs = Enumerable.Range(0, passes).Select(_ => model.Forward(input).Data.ToArray()).ToArray();
        model.SetTraining(false);
        var mean = Enumerable.Range(0, outputs[0].Length).Select(i => (float)outputs.Average(o => o[i])).ToArray();
        var std = Enumerable.Range(0, outputs[0].Length)
            .Select(i => (float)Math.Sqrt(outputs.Average(o => (o[i] - mean[i]) * (double)(o[i] - mean[i])))).ToArray();
        return (mean, std);
    }
}

/// <summary>Divides the variance by T − 1.</summary>
public sealed class McPredictionWithSampleDeviation : AnswerKey
{
    public override (float[] Mean, float[] StandardDeviation) McDropoutPrediction(IModule model, Tensor input, int passes)
    {
        var (mean, std) = base.McDropoutPrediction(model, input, passes);
        return (mean, std.Select(s => (float)(s * Math.Sqrt(passes / (passes - 1.0)))).ToArray());
    }
}

/// <summary>Leaves the model in training mode after predicting.</summary>
public sealed class McPredictionLeavingTrainingMode : AnswerKey
{
    public override (float[] Mean, float[] StandardDeviation) McDropoutPrediction(IModule model, Tensor input, int passes)
    {
        var result = base.McDropoutPrediction(model, input, passes);
        model.SetTraining(true);
        return result;
    }
}

/// <summary>Treats weight_decay as the λ of the penalty λ·w² and doubles it.</summary>
public sealed class WeightDecayDoubled : AnswerKey
{
    public override float WeightAfterSgdStepWithWeightDecay(float weight, float gradient, double lr, double weightDecay) =>
        base.WeightAfterSgdStepWithWeightDecay(weight, gradient, lr, 2 * weightDecay);
}

/// <summary>Subtracts wd·w without the learning rate.</summary>
public sealed class WeightDecayWithoutLearningRate : AnswerKey
{
    public override float WeightAfterSgdStepWithWeightDecay(float weight, float gradient, double lr, double weightDecay) =>
        (float)(weight - lr * gradient - weightDecay * weight);
}

/// <summary>Forgets the inverted scaling: E[y] = (1 − p)·W·x + b.</summary>
public sealed class DropConnectMeanWithoutRescale : AnswerKey
{
    public override double[] DropConnectExpectedOutput(float[] weight, float[] bias, float[] x, double p) =>
        base.DropConnectExpectedOutput(weight, bias, x, p).Select((y, o) => (y - bias[o]) * (1 - p) + bias[o]).ToArray();
}

/// <summary>Scales by 1/(1 − p) as if every weight survived.</summary>
public sealed class DropConnectMeanScaledUp : AnswerKey
{
    public override double[] DropConnectExpectedOutput(float[] weight, float[] bias, float[] x, double p) =>
        base.DropConnectExpectedOutput(weight, bias, x, p).Select((y, o) => (y - bias[o]) / (1 - p) + bias[o]).ToArray();
}

/// <summary>Does not scale the surviving branch.</summary>
public sealed class StochasticDepthWithoutScaling : AnswerKey
{
    public override (float Survived, float Dropped, double Expected) StochasticDepthResidual(float x, float branch, double p) =>
        (x + branch, x, (double)x + branch);
}

/// <summary>Drops the skip connection with the branch.</summary>
public sealed class StochasticDepthDroppingTheSkip : AnswerKey
{
    public override (float Survived, float Dropped, double Expected) StochasticDepthResidual(float x, float branch, double p)
    {
        var right = base.StochasticDepthResidual(x, branch, p);
        return (right.Survived, 0f, right.Expected);
    }
}

/// <summary>Scales the whole block output, skip connection included.</summary>
public sealed class StochasticDepthScalingTheSkip : AnswerKey
{
    public override (float Survived, float Dropped, double Expected) StochasticDepthResidual(float x, float branch, double p) =>
        ((x + branch) / (float)(1 - p), x, (double)x + branch);
}
