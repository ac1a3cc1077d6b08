using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Optimized;

/// <summary>
/// ATen's CPU <c>_dropout_impl</c> (aten/src/ATen/native/Dropout.cpp) for Dropout1d, Dropout3d, AlphaDropout and
/// FeatureAlphaDropout: one Bernoulli(1 − p) draw per group of <c>plane</c> consecutive elements (per element, or per
/// (sample, channel)), drawn with <see cref="FastMersenneTwister.BernoulliBits"/> as the other dropout layers do, so the
/// masks are PyTorch's and the Reference's bit for bit. A kept group is scaled by <c>s</c> and shifted by <c>b₁</c>, a
/// dropped one multiplied by 0 and shifted by <c>b₀</c>: plain dropout has <c>s = 1f/(float)(1 − p)</c> and no shift,
/// alpha dropout <c>s = (float)a</c>, <c>b₁ = (float)(α·a·p)</c>, <c>b₀ = b₁ − (float)(α·a)</c> in float32, which is
/// what ATen's <c>b = (noise − 1)·(α·a) + α·a·p</c> gives for noise 1 and 0. Identity passes return the input itself;
/// p = 1 gives <c>x·0</c>; neither draws. The mask is kept as bits; buffers are reused across calls.
/// </summary>
internal sealed class DropoutNoise
{
    /// <summary>−α′ = λ·α of SELU (Klambauer et al., 2017), as ATen writes it.</summary>
    public const double SeluNegativeSaturation = 1.7580993408473766;

    private readonly TorchGenerator _generator;
    private readonly bool _alpha;
    private readonly string _layer;
    private readonly float _scale, _keptShift, _droppedShift;
    private ulong[]? _mask;
    private Tensor? _output, _gradInput, _input;
    private int _groups;
    private Mode _lastMode;

    private enum Mode { None, Identity, Zero, Masked }

    public DropoutNoise(double p, TorchGenerator generator, bool alpha, string layer)
    {
        DropoutChecks.Probability(p);
        ArgumentNullException.ThrowIfNull(generator);
        P = p;
        _generator = generator;
        _alpha = alpha;
        _layer = layer;
        if (p < 1 && alpha)
        {
            double a = 1 / Math.Sqrt((SeluNegativeSaturation * SeluNegativeSaturation * p + 1) * (1 - p));
            _scale = (float)a;
            _keptShift = (float)(SeluNegativeSaturation * a * p);
            _droppedShift = -(float)(SeluNegativeSaturation * a) + _keptShift;
        }
        else if (p < 1)
        {
            _scale = 1f / (float)(1.0 - p);
        }
    }

    public double P { get; }

    /// <summary>Whether the latest Forward kept group <paramref name="group"/> (true for all after an identity pass).</summary>
    public bool Kept(int group)
    {
        if (_lastMode == Mode.None)
        {
            throw new InvalidOperationException($"{_layer}: Kept asked before Forward.");
        }
        if (_lastMode == Mode.Identity)
        {
            return true;
        }
        ArgumentOutOfRangeException.ThrowIfNegative(group);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(group, _groups);
        return _lastMode == Mode.Masked && (_mask![group >> 6] >> (group & 63) & 1) != 0;
    }

    /// <summary>The forward pass with <paramref name="groups"/> draws, each covering <c>n / groups</c> consecutive elements.</summary>
    public Tensor Forward(Tensor input, int groups, bool training)
    {
        _input = input;
        _groups = groups;
        if (!training || P == 0 || input.Length == 0)
        {
            _lastMode = Mode.Identity;
            return input;
        }
        Tensor output = Buffers.Like(ref _output, input);
        if (P == 1)
        {
            _lastMode = Mode.Zero;
            Dropout.MultiplyByScalar(input.Data, 0f, output.Data);
            return output;
        }
        _lastMode = Mode.Masked;
        ulong[] mask = Buffers.Array(ref _mask, (groups + 63) / 64);
        FastMersenneTwister.BernoulliBits(_generator.Engine, 1.0 - P, mask, groups);
        Apply(input.Data, mask, groups, _alpha, output.Data);
        return output;
    }

    /// <summary>∂L/∂x = ∂L/∂y · (kept ? s : 0) per group, with the mask of the latest Forward.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor input = BackwardChecks.Saved(_input, _layer);
        BackwardChecks.GradOutput(gradOutput, input, _layer);
        if (_lastMode == Mode.Identity)
        {
            return gradOutput;
        }
        Tensor gradInput = Buffers.Like(ref _gradInput, input);
        if (_lastMode == Mode.Zero)
        {
            Dropout.MultiplyByScalar(gradOutput.Data, 0f, gradInput.Data);
            return gradInput;
        }
        Apply(gradOutput.Data, _mask!, _groups, affine: false, gradInput.Data);
        return gradInput;
    }

    /// <summary>
    /// <c>y = x·(kept ? s : 0) + (kept ? b₁ : b₀)</c> per group, the shift only when <paramref name="affine"/> (adding 0
    /// would turn −0 into +0). One group per element runs the masked driver (<see cref="KeptScale"/>,
    /// <see cref="KeptAffine"/>); wider groups run each plane's span through TensorPrimitives' Multiply, or the affine
    /// <see cref="ScaleShift"/> (TensorPrimitives has no multiply-add by two scalars).
    /// </summary>
    private void Apply(float[] x, ulong[] mask, int groups, bool affine, float[] y)
    {
        int plane = x.Length / groups;
        if (plane == 1)
        {
            if (affine)
            {
                VectorDriver.Masked(new KeptAffine(_scale, _keptShift, _droppedShift), x, mask, y);
            }
            else
            {
                VectorDriver.Masked(new KeptScale(_scale), x, mask, y);
            }
            return;
        }
        for (int k = 0; k < groups; k++)
        {
            bool kept = (mask[k >> 6] >> (k & 63) & 1) != 0;
            float noise = kept ? _scale : 0f;
            var src = x.AsSpan(k * plane, plane);
            var dst = y.AsSpan(k * plane, plane);
            if (affine)
            {
                VectorDriver.Map<float, float, ScaleShift>(new ScaleShift(noise, kept ? _keptShift : _droppedShift), src, dst);
            }
            else
            {
                TensorPrimitives.Multiply(src, noise, dst);
            }
        }
    }
}
