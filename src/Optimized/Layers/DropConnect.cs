using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Optimized;

/// <summary>
/// DropConnect (Wan et al., ICML 2013): <c>y = x·W̃ᵀ + b</c> with <c>W̃ = W ⊙ m / (1 − p)</c>, a fresh
/// <c>m ~ Bernoulli(1 − p)</c> of W's shape at each training Forward (<c>F.linear(x, F.dropout(W, p, training), b)</c>;
/// the mask is <c>torch.empty_like(W).bernoulli_(1 − p)</c>, row-major over (out, in)); eval mode and p = 0 use W and
/// draw nothing, p = 1 uses <c>W·0</c> and draws nothing. Backward <c>∂x = g·W̃</c>, <c>∂W += (gᵀ·x) ⊙ m / (1 − p)</c>,
/// <c>∂b += Σₙ g</c>. The Reference twin's summary says why inference is plain Linear (not the paper's Gaussian
/// moment matching) and why one mask serves a whole batch.
/// The mask is drawn as bits by the vectorised generator and applied to W with <see cref="Dropout.ApplyMask"/>; the
/// products are <see cref="Linear"/>'s, on the masked copy W̃. Every buffer is kept across steps.
/// </summary>
public sealed class DropConnect : IStochasticModule
{
    private readonly int _in, _out;
    private readonly TorchGenerator _generator;
    private readonly float _scale;
    private readonly Parameter _weight;
    private readonly Parameter? _bias;
    private float[]? _weightTransposed, _effective, _gradEffective;
    private ulong[]? _mask;
    private Tensor? _input, _output, _gradInput;
    private Mode _lastMode;

    private enum Mode { None, Dense, Zero, Masked }

    /// <summary>A layer with <c>nn.Linear</c>'s initialisation from <paramref name="generator"/>, which then draws the masks.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or p is NaN or outside [0, 1] (PyTorch's messages).</exception>
    public DropConnect(int inFeatures, int outFeatures, double p, TorchGenerator generator, bool bias = true)
    {
        LinearChecks.Sizes(inFeatures, outFeatures);
        DropoutChecks.Probability(p);
        ArgumentNullException.ThrowIfNull(generator);
        var linear = new Linear(inFeatures, outFeatures, generator, bias);
        _in = inFeatures;
        _out = outFeatures;
        _weight = linear.Weight;
        _bias = linear.Bias;
        _generator = generator;
        P = p;
        _scale = p < 1 ? 1f / (float)(1.0 - p) : 0f;
    }

    /// <summary>Number of input features.</summary>
    public int InFeatures => _in;

    /// <summary>Number of output features.</summary>
    public int OutFeatures => _out;

    /// <summary>The probability of dropping each weight in a training step.</summary>
    public double P { get; }

    /// <summary>W: (out, in).</summary>
    public Parameter Weight => _weight;

    /// <summary>b: (out), never masked; null without bias.</summary>
    public Parameter? Bias => _bias;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>
    /// Test hook: whether the latest Forward kept weight W[<paramref name="output"/>, <paramref name="input"/>]. True for
    /// every weight after a pass that used W itself (eval, p = 0), false for every weight after a p = 1 pass.
    /// </summary>
    /// <exception cref="InvalidOperationException">No Forward has run yet.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside W.</exception>
    public bool Kept(int output, int input)
    {
        BackwardChecks.Saved(_input, "DropConnect");
        ArgumentOutOfRangeException.ThrowIfNegative(output);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(output, _out);
        ArgumentOutOfRangeException.ThrowIfNegative(input);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(input, _in);
        int index = output * _in + input;
        return _lastMode switch
        {
            Mode.Dense => true,
            Mode.Zero => false,
            _ => (_mask![index >> 6] >> (index & 63) & 1) != 0,
        };
    }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        LinearChecks.Input(input, _in, _out);
        float[] w = _weight.Value.Data;
        float[] weights = w;
        _lastMode = Mode.Dense;
        if (IsTraining && P > 0)
        {
            float[] effective = Buffers.Array(ref _effective, w.Length);
            if (P == 1)
            {
                _lastMode = Mode.Zero;
                Dropout.MultiplyByScalar(w, 0f, effective);
            }
            else
            {
                _lastMode = Mode.Masked;
                ulong[] mask = Buffers.Array(ref _mask, (w.Length + 63) / 64);
                FastMersenneTwister.BernoulliBits(_generator.Engine, 1.0 - P, mask, w.Length);
                Dropout.ApplyMask(w, mask, _scale, effective);
            }
            weights = effective;
        }

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
        float[] transposed = Gemm.NeedsTransposedCopy(rows, _out)
            ? _weightTransposed ??= GC.AllocateUninitializedArray<float>(_in * _out)
            : [];
        Gemm.MultiplyNT(input.Data, weights, y, rows, _in, _out, accumulate: _bias is not null, transposed);
        _input = input;
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor output = BackwardChecks.Saved(_output, "DropConnect");
        BackwardChecks.GradOutput(gradOutput, output, "DropConnect");
        Tensor input = _input!;
        int rows = input.Length / _in;
        float[] g = gradOutput.Data;
        float[] weights = _lastMode == Mode.Dense ? _weight.Value.Data : _effective!;
        if (_lastMode == Mode.Dense)
        {
            Gemm.MultiplyTN(g, input.Data, _weight.Grad.Data, _out, rows, _in, accumulate: true);
        }
        else
        {
            // ∂W̃ = gᵀ·x, then ∂W += ∂W̃ ⊙ noise: the chain rule through W̃ = W ⊙ noise, with the Forward's own mask.
            float[] gradEffective = Buffers.Array(ref _gradEffective, _weight.Value.Length);
            Gemm.MultiplyTN(g, input.Data, gradEffective, _out, rows, _in, accumulate: false);
            if (_lastMode == Mode.Zero)
            {
                Dropout.MultiplyByScalar(gradEffective, 0f, gradEffective);
            }
            else
            {
                Dropout.ApplyMask(gradEffective, _mask, _scale, gradEffective);
            }
            TensorPrimitives.Add(_weight.Grad.Data, gradEffective, _weight.Grad.Data);
        }
        if (_bias is not null)
        {
            // ∂b += Σₙ g, rows in order (the order Linear's column sums use, so eval mode matches Linear bit for bit).
            float[] db = _bias.Grad.Data;
            for (int r = 0; r < rows; r++)
            {
                TensorPrimitives.Add(db, g.AsSpan(r * _out, _out), db);
            }
        }
        Tensor gradInput = Buffers.Like(ref _gradInput, input);
        Gemm.MultiplyNN(g, weights, gradInput.Data, rows, _out, _in, accumulate: false);
        return gradInput;
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
