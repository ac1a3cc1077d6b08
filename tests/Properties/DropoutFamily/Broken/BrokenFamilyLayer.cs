using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.DropoutFamily.Broken;

/// <summary>
/// What the known-wrong layers of this folder share: the mode flag, one Bernoulli(1 − p) draw per unit or group from the
/// generator, and a backward that multiplies by the per-element factor the forward chose (identity when none).
/// Each subclass's summary names its bug.
/// </summary>
public abstract class BrokenFamilyLayer(double p, TorchGenerator generator) : IModule
{
    /// <summary>The drop probability.</summary>
    protected double P { get; } = p;

    /// <summary>∂y/∂x per element of the latest Forward, or null for an identity pass.</summary>
    protected float[]? Slope { get; set; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <inheritdoc/>
    public abstract Tensor Forward(Tensor input);

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        if (Slope is null) return gradOutput.Clone();
        var gradInput = new Tensor(gradOutput.Shape);
        for (int i = 0; i < gradInput.Length; i++) gradInput[i] = gradOutput[i] * Slope[i];
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];

    /// <summary><paramref name="count"/> keep flags (1 kept, 0 dropped), one double uniform each, as <c>bernoulli_(1 − p)</c>.</summary>
    protected float[] Keep(int count)
    {
        var keep = new float[count];
        generator.Bernoulli(keep, 1 - P);
        return keep;
    }
}
