using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.Regularisers.Broken;

/// <summary>
/// What the known-wrong stochastic-depth layers share: the mode flag, and a backward that multiplies by the per-element
/// factor the forward chose (identity when none). Each subclass's summary names its bug.
/// </summary>
public abstract class BrokenStochasticDepth(double p, TorchGenerator generator) : IModule
{
    /// <summary>The drop probability.</summary>
    protected double P { get; } = p;

    /// <summary>The generator.</summary>
    protected TorchGenerator Generator { get; } = generator;

    /// <summary>∂y/∂x per element of the latest Forward, or null for an identity pass.</summary>
    protected float[]? Slope { get; set; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        Slope = Factors(input);
        if (Slope is null) return input;
        var y = new Tensor(input.Shape);
        for (int i = 0; i < y.Length; i++) y[i] = input[i] * Slope[i];
        return y;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        if (Slope is null) return gradOutput;
        var gradInput = new Tensor(gradOutput.Shape);
        for (int i = 0; i < gradInput.Length; i++) gradInput[i] = gradOutput[i] * Slope[i];
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];

    /// <summary>The per-element factor, or null for the identity.</summary>
    protected abstract float[]? Factors(Tensor input);

    /// <summary><paramref name="draws"/> survival draws, each spread over <c>length / draws</c> elements, times <paramref name="scale"/>.</summary>
    protected float[] Spread(int draws, int length, float scale)
    {
        var fates = new float[draws];
        Generator.Bernoulli(fates, 1 - P);
        int group = draws == 0 ? 0 : length / draws;
        return Enumerable.Range(0, length).Select(i => fates[i / group] * scale).ToArray();
    }
}

/// <summary>Bug: survivors are not scaled by 1/(1 − p), so the expected branch output shrinks by the survival rate.</summary>
public sealed class StochasticDepthWithoutRescale(double p, TorchGenerator generator) : BrokenStochasticDepth(p, generator)
{
    /// <inheritdoc/>
    protected override float[]? Factors(Tensor input) =>
        !IsTraining || P == 0 ? null : Spread(input.Size(0), input.Length, 1f);
}

/// <summary>Bug: one draw per element (plain dropout) instead of one per sample, so samples are partly dropped.</summary>
public sealed class StochasticDepthPerElement(double p, TorchGenerator generator) : BrokenStochasticDepth(p, generator)
{
    /// <inheritdoc/>
    protected override float[]? Factors(Tensor input) =>
        !IsTraining || P == 0 ? null : Spread(input.Length, input.Length, 1f / (float)(1 - P));
}

/// <summary>Bug: mode "batch" drawn per sample, as mode "row" would.</summary>
public sealed class StochasticDepthBatchDrawnPerSample(double p, TorchGenerator generator) : BrokenStochasticDepth(p, generator)
{
    /// <inheritdoc/>
    protected override float[]? Factors(Tensor input) =>
        !IsTraining || P == 0 ? null : Spread(input.Size(0), input.Length, P < 1 ? 1f / (float)(1 - P) : 0f);
}

/// <summary>Bug: at p = 1 it returns x·0 without drawing, as nn.Dropout does, so every later draw is shifted.</summary>
public sealed class StochasticDepthSkippingTheDrawAtOne(double p, TorchGenerator generator) : BrokenStochasticDepth(p, generator)
{
    /// <inheritdoc/>
    protected override float[]? Factors(Tensor input) =>
        !IsTraining || P == 0 ? null : P == 1 ? new float[input.Length] : Spread(input.Size(0), input.Length, 1f / (float)(1 - P));
}

/// <summary>Bug: still drops in eval mode (the forgotten <c>model.eval()</c> inside the layer).</summary>
public sealed class StochasticDepthActiveInEval(double p, TorchGenerator generator) : BrokenStochasticDepth(p, generator)
{
    /// <inheritdoc/>
    protected override float[]? Factors(Tensor input) => P == 0 ? null : Spread(input.Size(0), input.Length, 1f / (float)(1 - P));
}
