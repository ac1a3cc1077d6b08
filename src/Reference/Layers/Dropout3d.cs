using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Reference;

/// <summary>
/// <c>nn.Dropout3d(p)</c>, channel-wise inverted dropout for volumes:
/// <c>y[n, c, d, h, w] = m[n, c] · x[n, c, d, h, w] / (1 − p)</c>, <c>m[n, c] ~ Bernoulli(1 − p)</c>.
/// <para>
/// Shapes: <c>x: (N, C, D, H, W)</c> or unbatched <c>(C, D, H, W)</c>; <c>y</c> same as x. <c>p</c> is the probability of
/// DROPPING a whole channel (PyTorch's default 0.5). An unbatched input is given a leading batch of 1, dropped and
/// squeezed again (torch/nn/functional.py, <c>dropout3d</c>), so its mask is the batched layer's with N = 1. Other ranks
/// are an error here (<see cref="DropoutFamilyChecks.Dropout3dInput"/> says why).
/// </para>
/// <para>
/// Training mode is ATen's <c>feature_dropout</c> (see <see cref="DropoutNoise"/>): one double uniform per (n, c),
/// row-major; kept channels scaled by <c>1f/(float)(1 − p)</c>. p = 0, an empty input and eval mode are the identity
/// (the input itself) and draw nothing; p = 1 gives <c>x·0</c> and draws nothing.
/// Backward: <c>∂L/∂x[n, c, …] = ∂L/∂y[n, c, …] · m[n, c] / (1 − p)</c>.
/// </para>
/// </summary>
public sealed class Dropout3d : IStochasticModule
{
    private readonly DropoutNoise _noise;

    /// <summary>A channel-dropout layer that drops each (sample, channel) volume with probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is NaN or outside [0, 1] (PyTorch's message).</exception>
    public Dropout3d(double p, TorchGenerator generator) => _noise = new DropoutNoise(p, generator, alpha: false, "Dropout3d");

    /// <summary>The probability of dropping (zeroing) each (sample, channel) volume in training mode.</summary>
    public double P => _noise.P;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>
    /// Test hook: whether the latest Forward kept channel <paramref name="index"/> = n·C + c (just c when unbatched);
    /// true for every channel after an identity pass, false for every one after p = 1.
    /// </summary>
    public bool Kept(int index) => _noise.Kept(index);

    /// <summary>y[n, c, …] = m[n, c] · x[n, c, …] / (1 − p) in training mode; y = x in eval mode.</summary>
    public Tensor Forward(Tensor input)
    {
        DropoutFamilyChecks.Dropout3dInput(input);
        // Unbatched (C, D, H, W) is one sample: C draws.
        int channels = input.Rank == 5 ? input.Size(0) * input.Size(1) : input.Size(0);
        return _noise.Forward(input, channels, IsTraining);
    }

    /// <summary>∂L/∂x = ∂L/∂y · m[n, c] / (1 − p), with the mask of the latest Forward.</summary>
    public Tensor Backward(Tensor gradOutput) => _noise.Backward(gradOutput);

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
