using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Reference;

/// <summary>
/// <c>nn.Linear(in, out)</c>: <c>y = x·Wᵀ + b</c> with <c>x: (*, in)</c>, <c>W: (out, in)</c>, <c>b: (out)</c>, <c>y: (*, out)</c>;
/// the leading dimensions <c>*</c> (any number, as <c>nn.Linear</c> allows) are flattened into N rows.
/// Initialised as PyTorch does: W ~ U(±√(6/((1 + a²)·in))) with a = √5 (kaiming_uniform), i.e. U(±1/√in), drawn first;
/// then b ~ U(±1/√in). Backward: <c>∂x = g·W</c>, <c>∂W += gᵀ·x</c>, <c>∂b += Σₙ g</c>.
/// </summary>
public sealed class Linear : IModule
{
    // What backward needs: the latest input and the shape of the output it gave.
    private Tensor? _input;
    private int[] _outputShape = [];

    /// <summary>Creates the layer and draws its weight, then its bias, from <paramref name="generator"/>.</summary>
    public Linear(int inFeatures, int outFeatures, TorchGenerator generator, bool bias = true)
    {
        LinearChecks.Sizes(inFeatures, outFeatures);
        ArgumentNullException.ThrowIfNull(generator);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        Weight = new Parameter(new Tensor(outFeatures, inFeatures));
        Bias = bias ? new Parameter(new Tensor(outFeatures)) : null;

        // kaiming_uniform_(W, a = √5): gain = √(2/(1 + a²)), std = gain/√fan_in, bound = √3·std, all in double as PyTorch.
        double a = Math.Sqrt(5.0);
        double gain = Math.Sqrt(2.0 / (1.0 + a * a));
        double std = gain / Math.Sqrt(inFeatures);
        double weightBound = Math.Sqrt(3.0) * std;
        generator.Uniform(Weight.Value.Data, -weightBound, weightBound);
        if (Bias is not null)
        {
            double biasBound = 1.0 / Math.Sqrt(inFeatures);
            generator.Uniform(Bias.Value.Data, -biasBound, biasBound);
        }
    }

    /// <summary>Number of input features (columns of x).</summary>
    public int InFeatures { get; }

    /// <summary>Number of output features (columns of y).</summary>
    public int OutFeatures { get; }

    /// <summary>W: (out, in).</summary>
    public Parameter Weight { get; }

    /// <summary>b: (out); null when the layer was built with <c>bias: false</c>.</summary>
    public Parameter? Bias { get; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary><c>y[n, o] = Σₖ x[n, k]·W[o, k] + b[o]</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        LinearChecks.Input(input, InFeatures, OutFeatures);
        int n = input.Length / InFeatures;
        int[] outputShape = input.Shape;
        outputShape[^1] = OutFeatures;
        var output = new Tensor(outputShape);
        float[] x = input.Data, w = Weight.Value.Data, y = output.Data;
        for (int row = 0; row < n; row++)
        {
            for (int o = 0; o < OutFeatures; o++)
            {
                float sum = 0f;
                for (int k = 0; k < InFeatures; k++)
                {
                    sum += x[row * InFeatures + k] * w[o * InFeatures + k];
                }
                y[row * OutFeatures + o] = Bias is null ? sum : sum + Bias.Value.Data[o];
            }
        }
        _input = input;
        _outputShape = outputShape;
        return output;
    }

    /// <summary><c>∂x = g·W</c>; adds <c>gᵀ·x</c> to ∂W and <c>Σₙ g</c> to ∂b.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor input = BackwardChecks.Saved(_input, "Linear");
        BackwardChecks.GradOutput(gradOutput, _outputShape, "Linear");
        int n = input.Length / InFeatures;
        float[] x = input.Data, w = Weight.Value.Data, g = gradOutput.Data;
        var gradInput = new Tensor(input.Shape);
        float[] dx = gradInput.Data;

        // ∂x[n, k] = Σₒ g[n, o]·W[o, k]
        for (int row = 0; row < n; row++)
        {
            for (int k = 0; k < InFeatures; k++)
            {
                float sum = 0f;
                for (int o = 0; o < OutFeatures; o++)
                {
                    sum += g[row * OutFeatures + o] * w[o * InFeatures + k];
                }
                dx[row * InFeatures + k] = sum;
            }
        }

        // ∂W[o, k] += Σₙ g[n, o]·x[n, k]
        float[] dw = Weight.Grad.Data;
        for (int o = 0; o < OutFeatures; o++)
        {
            for (int k = 0; k < InFeatures; k++)
            {
                float sum = 0f;
                for (int row = 0; row < n; row++)
                {
                    sum += g[row * OutFeatures + o] * x[row * InFeatures + k];
                }
                dw[o * InFeatures + k] += sum;
            }
        }

        // ∂b[o] += Σₙ g[n, o]
        if (Bias is not null)
        {
            float[] db = Bias.Grad.Data;
            for (int o = 0; o < OutFeatures; o++)
            {
                float sum = 0f;
                for (int row = 0; row < n; row++)
                {
                    sum += g[row * OutFeatures + o];
                }
                db[o] += sum;
            }
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters()
    {
        yield return new NamedParameter("weight", Weight);
        if (Bias is not null)
        {
            yield return new NamedParameter("bias", Bias);
        }
    }
}
