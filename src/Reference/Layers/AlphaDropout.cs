using Verification.Core;
using Verification.Core.Random;

namespace Verification.Reference;

/// <summary>
/// <c>nn.AlphaDropout(p)</c>, dropout for self-normalising (SELU) networks (Klambauer et al., 2017): a dropped unit is
/// set to SELU's negative saturation <c>α′ = −λα ≈ −1.7581</c> instead of 0, then an affine map restores mean 0 and
/// variance 1 of a standard-normal input:
/// <c>y = a·(m ⊙ x + (1 − m)·α′) + b</c>, <c>m ~ Bernoulli(1 − p)</c> element-wise, with
/// <c>a = 1/√((α′²·p + 1)(1 − p))</c> and <c>b = −a·α′·p</c>.
/// <para>
/// Shapes: <c>x: any</c>, <c>y</c> same as x. <c>p</c> is the probability of DROPPING (PyTorch's default 0.5).
/// Training mode follows ATen's <c>alpha_dropout</c> in float32 step for step (see <see cref="DropoutNoise"/>): a kept
/// unit gives <c>x·(float)a + (float)(α·a·p)</c>, a dropped one the constant <c>(float)(α·a·p) − (float)(α·a)</c>.
/// p = 0, an empty input and eval mode are the identity (the input itself) and draw nothing; p = 1 gives <c>x·0</c>
/// (not α′: ATen returns before the correction) and draws nothing. Backward: <c>∂L/∂x = ∂L/∂y · a·m</c>.
/// </para>
/// </summary>
public sealed class AlphaDropout : IStochasticModule
{
    private readonly DropoutNoise _noise;

    /// <summary>An alpha-dropout layer that drops each element with probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is NaN or outside [0, 1] (PyTorch's message).</exception>
    public AlphaDropout(double p, TorchGenerator generator) => _noise = new DropoutNoise(p, generator, alpha: true, "AlphaDropout");

    /// <summary>The probability of dropping each element in training mode.</summary>
    public double P => _noise.P;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>Test hook: whether the latest Forward kept element <paramref name="index"/> (true for all after an identity pass).</summary>
    public bool Kept(int index) => _noise.Kept(index);

    /// <summary>y = a·(m ⊙ x + (1 − m)·α′) + b in training mode; y = x in eval mode.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _noise.Forward(input, input.Length, IsTraining);
    }

    /// <summary>∂L/∂x = ∂L/∂y · a·m, with the mask of the latest Forward.</summary>
    public Tensor Backward(Tensor gradOutput) => _noise.Backward(gradOutput);

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
