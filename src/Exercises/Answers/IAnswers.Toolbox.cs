using Verification.Core;
using Verification.Core.Random;

namespace Verification.Exercises;

/// <summary>
/// The toolbox beyond plain dropout that the course documents name (spatial and alpha dropout, MC dropout, weight decay,
/// DropConnect, stochastic depth): questions answered with PyTorch's rules, on <c>docs/exercises/tbx.md</c>.
/// </summary>
public partial interface IAnswers
{
    /// <summary>
    /// tbx.1 — Build the stack's <c>Dropout2d(p)</c> from <paramref name="generator"/>, pass ones of shape
    /// (<paramref name="batch"/>, <paramref name="channels"/>, <paramref name="height"/>, <paramref name="width"/>) in
    /// training mode, and return how many (sample, channel) planes it kept.
    /// </summary>
    int Dropout2dKeptChannels(IStack stack, TorchGenerator generator, int batch, int channels, int height, int width, double p);

    /// <summary>
    /// tbx.2 — AlphaDropout's affine correction for drop probability <paramref name="p"/>: the factor a and the shift b (the
    /// shift of a kept unit, <c>y = a·x + b</c>) that keep mean 0 and variance 1 of SELU activations.
    /// </summary>
    (double A, double B) AlphaDropoutAffine(double p);

    /// <summary>
    /// tbx.3 — MC dropout prediction: <paramref name="passes"/> stochastic passes of <paramref name="input"/> through
    /// <paramref name="model"/> with dropout on and BatchNorm in eval mode; return the per-output mean and standard
    /// deviation (of the passes themselves, divided by T) and leave every module in the mode it was in.
    /// </summary>
    (float[] Mean, float[] StandardDeviation) McDropoutPrediction(IModule model, Tensor input, int passes);

    /// <summary>
    /// tbx.4 — One step of <c>torch.optim.SGD([w], lr, weight_decay)</c> on a single float32 weight with gradient
    /// <paramref name="gradient"/>: the weight afterwards.
    /// </summary>
    float WeightAfterSgdStepWithWeightDecay(float weight, float gradient, double lr, double weightDecay);

    /// <summary>
    /// tbx.5 — DropConnect on <c>y = W·x + b</c> (<paramref name="weight"/> row-major (out, in)) with drop probability p:
    /// the expected output over the weight masks.
    /// </summary>
    double[] DropConnectExpectedOutput(float[] weight, float[] bias, float[] x, double p);

    /// <summary>
    /// tbx.6 — A residual block <c>x + StochasticDepth(p, "row")(f(x))</c> in training mode, for one element with input
    /// <paramref name="x"/> and branch output <paramref name="branch"/>: the float32 output when the sample survives, when
    /// it is dropped, and the expected output.
    /// </summary>
    (float Survived, float Dropped, double Expected) StochasticDepthResidual(float x, float branch, double p);
}
