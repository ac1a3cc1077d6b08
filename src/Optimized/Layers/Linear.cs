using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Optimized;

/// <summary>
/// <c>nn.Linear(in, out)</c>: <c>y = x·Wᵀ + b</c>, <c>x: (N, in)</c> (or any leading dimensions), <c>W: (out, in)</c>, <c>b: (out)</c>.
/// Backward: <c>∂x = g·W</c>, <c>∂W += gᵀ·x</c>, <c>∂b += Σₙ g</c>. Initialisation as PyTorch: W ~ U(±1/√in)
/// (kaiming_uniform with a = √5), then b ~ U(±1/√in), both drawn from the given generator in that order.
/// All three products run on <see cref="Gemm"/>; the forward packs strips of Wᵀ from W's rows inside the product, or,
/// for the shapes that cannot (few rows, fewer than 32 outputs), keeps a transposed copy of W, refreshed every forward
/// because an optimizer may have changed W since.
/// </summary>
public sealed class Linear : IModule
{
    private readonly int _in, _out;
    private readonly Parameter _weight;
    private readonly Parameter? _bias;
    private float[]? _weightTransposed;
    private Tensor? _input, _output, _gradInput;

    /// <summary>A layer with PyTorch's initialisation, drawn from <paramref name="generator"/>.</summary>
    public Linear(int inFeatures, int outFeatures, TorchGenerator generator, bool bias = true)
    {
        LinearChecks.Sizes(inFeatures, outFeatures);
        ArgumentNullException.ThrowIfNull(generator);
        _in = inFeatures;
        _out = outFeatures;
        // kaiming_uniform_(a=√5): gain = √(2/(1+a²)), std = gain/√fan_in, bound = √3·std, in double as PyTorch's
        // Python computes it; a² is (√5)² = 5.000000000000001, not 5, and the last bit of the bound shows in the draws.
        double a = Math.Sqrt(5.0);
        double gain = Math.Sqrt(2.0 / (1.0 + a * a));
        double bound = Math.Sqrt(3.0) * (gain / Math.Sqrt(inFeatures));
        var w = new Tensor(outFeatures, inFeatures);
        UniformInit(generator, w.Data, bound);
        _weight = new Parameter(w);
        if (bias)
        {
            var b = new Tensor(outFeatures);
            double biasBound = 1.0 / Math.Sqrt(inFeatures);
            UniformInit(generator, b.Data, biasBound);
            _bias = new Parameter(b);
        }
    }

    /// <summary>
    /// <c>uniform_(−bound, bound)</c>, the same words and roundings as <see cref="TorchGenerator.Uniform"/> (bounds to
    /// float, <c>fma(u, to − from, from)</c>), drawn by the vectorised engine: building a model costs less than its
    /// first epochs (the scalar draw took about 12 ns a weight).
    /// </summary>
    private static void UniformInit(TorchGenerator generator, Span<float> destination, double bound)
    {
        float lo = (float)-bound;
        FastMersenneTwister.Uniform(generator.Engine, destination, lo, (float)bound - lo);
    }

    /// <summary>Number of input features (the last dimension of x).</summary>
    public int InFeatures => _in;

    /// <summary>Number of output features (the last dimension of y).</summary>
    public int OutFeatures => _out;

    /// <summary>W, shape (out, in).</summary>
    public Parameter Weight => _weight;

    /// <summary>b, shape (out), or null without bias.</summary>
    public Parameter? Bias => _bias;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        LinearChecks.Input(input, _in, _out);
        int rows = input.Length / _in;
        Tensor output = Buffers.LikeWithLast(ref _output, input, _out);
        float[] y = output.Data;
        if (_bias is not null)
        {
            float[] b = _bias.Value.Data;
            for (int r = 0; r < rows; r++)
            {
                Array.Copy(b, 0, y, r * _out, _out);
            }
        }
        // Only shapes the product cannot pack from W's rows (few rows, a narrow layer) use the transposed copy.
        float[] transposed = Gemm.NeedsTransposedCopy(rows, _out)
            ? _weightTransposed ??= GC.AllocateUninitializedArray<float>(_in * _out)
            : [];
        Gemm.MultiplyNT(input.Data, _weight.Value.Data, y, rows, _in, _out, accumulate: _bias is not null, transposed);
        _input = input;
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor output = BackwardChecks.Saved(_output, "Linear");
        BackwardChecks.GradOutput(gradOutput, output, "Linear");
        Tensor input = _input!;
        int rows = input.Length / _in;
        float[] g = gradOutput.Data;
        Gemm.MultiplyTN(g, input.Data, _weight.Grad.Data, _out, rows, _in, accumulate: true);
        if (_bias is not null)
        {
            ColumnSums(g, _bias.Grad.Data, rows, _out);
        }
        Tensor gradInput = Buffers.Like(ref _gradInput, input);
        Gemm.MultiplyNN(g, _weight.Value.Data, gradInput.Data, rows, _out, _in, accumulate: false);
        return gradInput;
    }

    /// <summary><c>sums[j] += Σᵣ g[r, j]</c>, rows in order.</summary>
    private static void ColumnSums(float[] g, float[] sums, int rows, int cols)
    {
        // sums[j] ← (…(sums[j] + g[0, j]) + g[1, j]) + …: one TensorPrimitives.Add per row keeps each column's order.
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums.AsSpan(0, cols), g.AsSpan(r * cols, cols), sums.AsSpan(0, cols));
        }
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters()
    {
        yield return new NamedParameter("weight", _weight);
        if (_bias is not null)
        {
            yield return new NamedParameter("bias", _bias);
        }
    }
}
