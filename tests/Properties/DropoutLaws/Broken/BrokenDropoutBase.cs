using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.DropoutLaws.Broken;

/// <summary>
/// Shared plumbing of the known-wrong layers: y = x ⊙ noise, ∂L/∂x = ∂L/∂y ⊙ noise, with the noise chosen by
/// <see cref="MakeNoise"/>, which is where each broken layer puts its bug. Not a teaching example: see Reference.Dropout.
/// </summary>
public abstract class BrokenDropoutBase(double p, TorchGenerator generator) : IModule
{
    private float[]? _noise;

    protected double P { get; } = p;

    protected TorchGenerator Generator { get; } = generator;

    public bool IsTraining { get; private set; } = true;

    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>The per-element multiplier for this input, or null for the identity.</summary>
    protected abstract float[]? MakeNoise(Tensor input);

    public Tensor Forward(Tensor input)
    {
        _noise = MakeNoise(input);
        var y = input.Clone();
        if (_noise is not null)
        {
            for (int i = 0; i < y.Length; i++) y[i] = input[i] * _noise[i];
        }
        return y;
    }

    public Tensor Backward(Tensor gradOutput)
    {
        var g = gradOutput.Clone();
        if (_noise is not null)
        {
            for (int i = 0; i < g.Length; i++) g[i] = gradOutput[i] * _noise[i];
        }
        return g;
    }

    public IEnumerable<NamedParameter> NamedParameters() => [];

    /// <summary>m ~ Bernoulli(keep) element-wise, times <paramref name="scale"/>.</summary>
    protected float[] ElementMask(int length, double keep, float scale)
    {
        var noise = new float[length];
        Generator.Bernoulli(noise, keep);
        for (int i = 0; i < length; i++) noise[i] *= scale;
        return noise;
    }
}
