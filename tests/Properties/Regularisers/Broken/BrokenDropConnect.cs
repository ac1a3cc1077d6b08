using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.Regularisers.Broken;

/// <summary>
/// What the known-wrong DropConnect layers share: <c>nn.Linear</c>'s initialisation (W, then b, from the generator), the
/// generator kept for masks, and a plain product <c>y = x·Vᵀ + b</c> with whatever weight matrix V a subclass chooses.
/// Each subclass's summary names its bug.
/// </summary>
public abstract class BrokenDropConnect : IModule
{
    private Tensor? _input;

    /// <summary>Initialises as nn.Linear.</summary>
    protected BrokenDropConnect(int inFeatures, int outFeatures, double p, TorchGenerator generator)
    {
        var linear = new Verification.Reference.Linear(inFeatures, outFeatures, generator);
        Weight = linear.Weight;
        Bias = linear.Bias!;
        In = inFeatures;
        Out = outFeatures;
        P = p;
        Generator = generator;
    }

    /// <summary>Input features.</summary>
    protected int In { get; }

    /// <summary>Output features.</summary>
    protected int Out { get; }

    /// <summary>The drop probability.</summary>
    protected double P { get; }

    /// <summary>The generator masks come from.</summary>
    protected TorchGenerator Generator { get; }

    /// <summary>W.</summary>
    protected Parameter Weight { get; }

    /// <summary>b.</summary>
    protected Parameter Bias { get; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <inheritdoc/>
    public virtual Tensor Forward(Tensor input)
    {
        _input = input;
        return Product(input, ForwardWeights());
    }

    /// <inheritdoc/>
    public virtual Tensor Backward(Tensor gradOutput)
    {
        Tensor x = _input!;
        float[] v = BackwardWeights(), multiplier = WeightGradientMultiplier();
        int rows = x.Length / In;
        var gradInput = new Tensor(x.Shape);
        for (int n = 0; n < rows; n++)
        {
            for (int o = 0; o < Out; o++)
            {
                float g = gradOutput[n * Out + o];
                Bias.Grad[o] += g;
                for (int k = 0; k < In; k++)
                {
                    gradInput[n * In + k] += g * v[o * In + k];
                    Weight.Grad[o * In + k] += g * x[n * In + k] * multiplier[o * In + k];
                }
            }
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [new("weight", Weight), new("bias", Bias)];

    /// <summary>V of the forward product.</summary>
    protected abstract float[] ForwardWeights();

    /// <summary>V of ∂x = g·V; the forward's by default.</summary>
    protected virtual float[] BackwardWeights() => LastWeights;

    /// <summary>The factor ∂W gets per weight; the forward's noise by default.</summary>
    protected virtual float[] WeightGradientMultiplier() => LastNoise;

    /// <summary>The latest forward's V.</summary>
    protected float[] LastWeights { get; set; } = [];

    /// <summary>The latest forward's noise per weight.</summary>
    protected float[] LastNoise { get; set; } = [];

    /// <summary>A fresh <c>bernoulli_(1 − p)</c> over W's shape, times <paramref name="scale"/>.</summary>
    protected float[] Mask(float scale)
    {
        var mask = new float[Weight.Value.Length];
        Generator.Bernoulli(mask, 1 - P);
        for (int i = 0; i < mask.Length; i++) mask[i] *= scale;
        return mask;
    }

    /// <summary>W ⊙ noise.</summary>
    protected float[] Masked(float[] noise) => Weight.Value.Data.Select((w, i) => w * noise[i]).ToArray();

    private Tensor Product(Tensor x, float[] v)
    {
        int rows = x.Length / In;
        var y = new Tensor(rows, Out);
        for (int n = 0; n < rows; n++)
        {
            for (int o = 0; o < Out; o++)
            {
                float sum = 0;
                for (int k = 0; k < In; k++) sum += x[n * In + k] * v[o * In + k];
                y[n * Out + o] = sum + Bias.Value[o];
            }
        }
        return y;
    }
}

/// <summary>Bug: the mask is applied to W but the survivors are not scaled by 1/(1 − p), so E[y] = (1 − p)·x·Wᵀ + b.</summary>
public sealed class DropConnectWithoutRescale(int inFeatures, int outFeatures, double p, TorchGenerator generator)
    : BrokenDropConnect(inFeatures, outFeatures, p, generator)
{
    /// <inheritdoc/>
    protected override float[] ForwardWeights()
    {
        LastNoise = IsTraining ? Mask(1f) : Enumerable.Repeat(1f, Weight.Value.Length).ToArray();
        return LastWeights = Masked(LastNoise);
    }
}

/// <summary>Bug: a fresh mask is drawn in backward, so ∂W and ∂x follow a mask the forward never used.</summary>
public sealed class DropConnectWithFreshMaskInBackward(int inFeatures, int outFeatures, double p, TorchGenerator generator)
    : BrokenDropConnect(inFeatures, outFeatures, p, generator)
{
    private readonly float _scale = 1f / (float)(1 - p);

    /// <inheritdoc/>
    protected override float[] ForwardWeights()
    {
        LastNoise = IsTraining ? Mask(_scale) : Enumerable.Repeat(1f, Weight.Value.Length).ToArray();
        return LastWeights = Masked(LastNoise);
    }

    /// <inheritdoc/>
    protected override float[] BackwardWeights()
    {
        LastNoise = IsTraining ? Mask(_scale) : LastNoise;
        return Masked(LastNoise);
    }
}

/// <summary>
/// Bug: dropout on the activations (the inputs of the layer) instead of on the weights: y = (x ⊙ m/(1 − p))·Wᵀ + b, one mask
/// per input element. Its mean is still the dense output, but ∂W is not zero where "the weight" was dropped, because no
/// weight was: the gradient of W[o, k] is Σₙ g[n, o]·x̃[n, k], non-zero whenever any sample kept input k.
/// </summary>
public sealed class DropConnectOnActivations(int inFeatures, int outFeatures, double p, TorchGenerator generator)
    : BrokenDropConnect(inFeatures, outFeatures, p, generator)
{
    private readonly Verification.Reference.Dropout _dropout = new(p, generator);
    private readonly Verification.Reference.Linear _dense = new(inFeatures, outFeatures, new TorchGenerator(0));

    /// <inheritdoc/>
    public override Tensor Forward(Tensor input)
    {
        Weight.Value.Data.CopyTo(_dense.Weight.Value.Data, 0);
        Bias.Value.Data.CopyTo(_dense.Bias!.Value.Data, 0);
        _dropout.SetTraining(IsTraining);
        return _dense.Forward(_dropout.Forward(input));
    }

    /// <inheritdoc/>
    public override Tensor Backward(Tensor gradOutput)
    {
        _dense.Weight.Grad.Data.AsSpan().Clear();
        _dense.Bias!.Grad.Data.AsSpan().Clear();
        Tensor gradInput = _dropout.Backward(_dense.Backward(gradOutput));
        for (int i = 0; i < Weight.Grad.Length; i++) Weight.Grad[i] += _dense.Weight.Grad[i];
        for (int o = 0; o < Out; o++) Bias.Grad[o] += _dense.Bias.Grad[o];
        return gradInput;
    }

    /// <inheritdoc/>
    protected override float[] ForwardWeights() => Weight.Value.Data;
}
