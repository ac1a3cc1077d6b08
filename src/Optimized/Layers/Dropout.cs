using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Optimized;

/// <summary>
/// <c>nn.Dropout(p)</c>, p the probability of DROPPING: in training <c>y = x ⊙ m / (1 − p)</c> with
/// <c>mᵢ ~ Bernoulli(1 − p)</c>, one double uniform (two Mersenne Twister words) per element in order, exactly as
/// PyTorch's <c>bernoulli_(1 − p)</c>; backward <c>∂x = g ⊙ m / (1 − p)</c>. The scale is <c>1f / (float)(1 − p)</c>:
/// ATen divides the float noise tensor by the scalar 1 − p, converted to float first. (dropout.json's p values
/// 0.1, 0.3, 0.4, 0.5, 0.7 give the same float either way; p = 0.15 or 0.42 would tell the two apart.)
/// p = 0, eval mode and an empty input are the identity and draw nothing: they return the input object itself, and
/// backward returns ∂L/∂y itself, as ATen's <c>dropout</c> returns <c>input</c> (aten/src/ATen/native/Dropout.cpp).
/// p = 1 gives <c>x·0</c> and draws nothing. Any shape. Draw, scale and multiply run fused in one pass, a vector
/// of elements at a time, or, for large inputs with a second thread, the draw on one thread and the multiply on the
/// other (<see cref="DropoutPipeline"/>); the mask is kept as bits for backward.
/// </summary>
public sealed class Dropout : IStochasticModule
{
    private readonly double _p;
    private readonly TorchGenerator _generator;
    private readonly float _scale;
    private readonly DropoutPipeline _pipeline = new();
    private ulong[]? _mask;
    private Tensor? _output, _gradInput, _input;
    private Mode _lastMode;

    private enum Mode { None, Identity, Zero, Masked }

    /// <summary>A dropout layer dropping with probability <paramref name="p"/>, drawing masks from <paramref name="generator"/>.</summary>
    public Dropout(double p, TorchGenerator generator)
    {
        DropoutChecks.Probability(p);
        ArgumentNullException.ThrowIfNull(generator);
        _p = p;
        _generator = generator;
        _scale = p < 1 ? 1f / (float)(1.0 - p) : 0f;
    }

    /// <summary>The probability of dropping an element.</summary>
    public double P => _p;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>
    /// Test hook: whether the latest Forward passed element <paramref name="index"/> through (row-major). True for every
    /// element after an identity pass (eval mode, p = 0, empty input), false for every element after a p = 1 pass.
    /// </summary>
    /// <exception cref="InvalidOperationException">No Forward has run yet.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the latest input.</exception>
    public bool Kept(int index)
    {
        Tensor input = BackwardChecks.Saved(_input, "Dropout");
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, input.Length);
        return _lastMode switch
        {
            Mode.Identity => true,
            Mode.Zero => false,
            _ => (_mask![index >> 6] >> (index & 63) & 1) != 0,
        };
    }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _input = input;
        if (!IsTraining || _p == 0 || input.Length == 0)
        {
            _lastMode = Mode.Identity;
            return input;
        }
        Tensor output = Buffers.Like(ref _output, input);
        if (_p == 1)
        {
            _lastMode = Mode.Zero;
            MultiplyByScalar(input.Data, 0f, output.Data);
            return output;
        }
        _lastMode = Mode.Masked;
        ulong[] mask = Buffers.Array(ref _mask, (input.Length + 63) / 64);
        if (DropoutPipeline.Pays(input.Length))
        {
            _pipeline.Run(_generator.Engine, 1.0 - _p, mask, _scale, input.Data, output.Data);
        }
        else
        {
            FastMersenneTwister.BernoulliMasked(_generator.Engine, 1.0 - _p, mask, new KeptScale(_scale), input.Data, output.Data);
        }
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor input = BackwardChecks.Saved(_input, "Dropout");
        BackwardChecks.GradOutput(gradOutput, input, "Dropout");
        switch (_lastMode)
        {
            case Mode.Identity:
                return gradOutput;
            case Mode.Zero:
            {
                Tensor zero = Buffers.Like(ref _gradInput, input);
                MultiplyByScalar(gradOutput.Data, 0f, zero.Data);
                return zero;
            }
            default:
            {
                Tensor gradInput = Buffers.Like(ref _gradInput, input);
                ApplyMask(gradOutput.Data, _mask, _scale, gradInput.Data);
                return gradInput;
            }
        }
    }

    /// <summary>
    /// <c>y[i] = x[i] · (bit i of mask ? scale : 0)</c>; the mask starts at element 0 of <paramref name="x"/>. One fused
    /// pass (<see cref="KeptScale"/>) at the widest vector width this processor has.
    /// </summary>
    internal static void ApplyMask(ReadOnlySpan<float> x, ReadOnlySpan<ulong> mask, float scale, Span<float> y) =>
        VectorDriver.Masked(new KeptScale(scale), x, mask, y);

    /// <summary><c>y = x·s</c>: TensorPrimitives' multiply (one rounding, NaN and −0 as x·0 gives them).</summary>
    internal static void MultiplyByScalar(ReadOnlySpan<float> x, float s, Span<float> y) => TensorPrimitives.Multiply(x, s, y);

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
