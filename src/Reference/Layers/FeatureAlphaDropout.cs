using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Reference;

/// <summary>
/// <c>nn.FeatureAlphaDropout(p)</c>: <see cref="AlphaDropout"/> with one draw per (sample, channel), so a whole channel is
/// set to SELU's α′ and the same affine correction applies:
/// <c>y[n, c, …] = a·(m[n, c]·x[n, c, …] + (1 − m[n, c])·α′) + b</c>, <c>m[n, c] ~ Bernoulli(1 − p)</c>.
/// <para>
/// Shapes: <c>x: (N, C, *)</c>, at least 2-D (ATen's <c>make_feature_noise</c> checks this only when it draws, and so
/// does this class); <c>y</c> same as x. Unlike Dropout1d/3d, PyTorch does not treat any rank as unbatched here: the
/// first two dimensions are always (N, C). p = 0, an empty input and eval mode are the identity (the input itself) and
/// draw nothing; p = 1 gives <c>x·0</c> and draws nothing. Backward: <c>∂L/∂x[n, c, …] = ∂L/∂y[n, c, …] · a·m[n, c]</c>.
/// </para>
/// </summary>
public sealed class FeatureAlphaDropout : IStochasticModule
{
    private readonly DropoutNoise _noise;

    /// <summary>A feature alpha-dropout layer that drops each (sample, channel) with probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is NaN or outside [0, 1] (PyTorch's message).</exception>
    public FeatureAlphaDropout(double p, TorchGenerator generator) =>
        _noise = new DropoutNoise(p, generator, alpha: true, "FeatureAlphaDropout");

    /// <summary>The probability of dropping each (sample, channel) in training mode.</summary>
    public double P => _noise.P;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>Test hook: whether the latest Forward kept channel <paramref name="index"/> = n·C + c.</summary>
    public bool Kept(int index) => _noise.Kept(index);

    /// <summary>y[n, c, …] = a·(m[n, c]·x[n, c, …] + (1 − m[n, c])·α′) + b in training mode; y = x in eval mode.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        bool draws = IsTraining && P > 0 && P < 1 && input.Length > 0;
        if (draws)
        {
            DropoutFamilyChecks.FeatureNoiseInput(input);
        }
        int channels = input.Rank >= 2 ? input.Size(0) * input.Size(1) : input.Length;
        return _noise.Forward(input, channels, IsTraining);
    }

    /// <summary>∂L/∂x = ∂L/∂y · a·m[n, c], with the mask of the latest Forward.</summary>
    public Tensor Backward(Tensor gradOutput) => _noise.Backward(gradOutput);

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
