using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Exercises.Key.Modules;

/// <summary>
/// The model answer to 000.L3: <c>nn.Linear(in, out)</c>, <c>y = x·Wᵀ + b</c> on <c>x: (*, in)</c>; backward
/// <c>∂x = g·W</c>, <c>∂W += gᵀ·x</c>, <c>∂b += Σₙ g</c>. Initialised as PyTorch (weight, then bias, U(±1/√in)).
/// </summary>
public sealed class Linear : IModule
{
    private readonly int _in, _out;
    private Tensor? _input;

    /// <summary>Draws W (out × in), then b (out), from <paramref name="generator"/>, as <c>nn.Linear</c>'s reset_parameters.</summary>
    public Linear(int inFeatures, int outFeatures, TorchGenerator generator)
    {
        LinearChecks.Sizes(inFeatures, outFeatures);
        ArgumentNullException.ThrowIfNull(generator);
        _in = inFeatures;
        _out = outFeatures;
        Weight = new Parameter(new Tensor(outFeatures, inFeatures));
        Bias = new Parameter(new Tensor(outFeatures));
        // kaiming_uniform_(W, a = √5): bound = √3 · √(2/(1 + a²)) / √in; bias bound 1/√in (all in double, as PyTorch).
        double a = Math.Sqrt(5.0);
        double weightBound = Math.Sqrt(3.0) * (Math.Sqrt(2.0 / (1.0 + a * a)) / Math.Sqrt(inFeatures));
        generator.Uniform(Weight.Value.Data, -weightBound, weightBound);
        generator.Uniform(Bias.Value.Data, -1.0 / Math.Sqrt(inFeatures), 1.0 / Math.Sqrt(inFeatures));
    }

    /// <summary>W: (out, in).</summary>
    public Parameter Weight { get; }

    /// <summary>b: (out).</summary>
    public Parameter Bias { get; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>y[n, o] = Σₖ x[n, k]·W[o, k] + b[o], the leading dimensions of x flattened into rows n.</summary>
    public Tensor Forward(Tensor input)
    {
        LinearChecks.Input(input, _in, _out);
        int rows = input.Length / _in;
        int[] shape = input.Shape;
        shape[^1] = _out;
        var output = new Tensor(shape);
        float[] x = input.Data, w = Weight.Value.Data, b = Bias.Value.Data, y = output.Data;
        for (int n = 0; n < rows; n++)
        {
            for (int o = 0; o < _out; o++)
            {
                float sum = 0f;
                for (int k = 0; k < _in; k++) sum += x[n * _in + k] * w[o * _in + k];
                y[n * _out + o] = sum + b[o];
            }
        }
        _input = input;
        return output;
    }

    /// <summary>∂x[n, k] = Σₒ g[n, o]·W[o, k]; adds Σₙ g[n, o]·x[n, k] into ∂W[o, k] and Σₙ g[n, o] into ∂b[o].</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor input = _input ?? throw new InvalidOperationException("Linear: Backward called before Forward.");
        int rows = input.Length / _in;
        var gradInput = new Tensor(input.Shape);
        float[] x = input.Data, w = Weight.Value.Data, g = gradOutput.Data, dx = gradInput.Data;
        float[] dw = Weight.Grad.Data, db = Bias.Grad.Data;
        for (int n = 0; n < rows; n++)
        {
            for (int k = 0; k < _in; k++)
            {
                float sum = 0f;
                for (int o = 0; o < _out; o++) sum += g[n * _out + o] * w[o * _in + k];
                dx[n * _in + k] = sum;
            }
        }
        for (int o = 0; o < _out; o++)
        {
            float biasSum = 0f;
            for (int n = 0; n < rows; n++) biasSum += g[n * _out + o];
            db[o] += biasSum;
            for (int k = 0; k < _in; k++)
            {
                float sum = 0f;
                for (int n = 0; n < rows; n++) sum += g[n * _out + o] * x[n * _in + k];
                dw[o * _in + k] += sum;
            }
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters()
    {
        yield return new NamedParameter("weight", Weight);
        yield return new NamedParameter("bias", Bias);
    }
}
