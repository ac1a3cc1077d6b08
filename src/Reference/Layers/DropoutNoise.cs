using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Reference;

/// <summary>
/// ATen's CPU <c>_dropout_impl</c> (aten/src/ATen/native/Dropout.cpp) for the dropout variants that share it, with its
/// two switches: the noise has one entry per group of <c>plane</c> consecutive elements (one per element, or one per
/// (sample, channel) for feature dropout), and the alpha switch selects the affine correction of alpha dropout.
/// <list type="bullet">
/// <item>Identity (eval mode, p = 0, an empty input): returns the input itself and draws nothing.</item>
/// <item>p = 1: returns <c>x·0</c> (±∞ and NaN become NaN) and draws nothing.</item>
/// <item>Otherwise <c>noise = bernoulli_(1 − p)</c>, one double uniform per group, row-major; then in float32
/// either <c>noise /= (1 − p)</c> and <c>y = x·noise</c>, or (alpha) <c>b = (noise − 1)·(α·a) + α·a·p</c>,
/// <c>noise ·= a</c>, <c>y = x·noise + b</c>, with <c>α = 1.7580993408473766</c> and
/// <c>a = 1/√((α²·p + 1)(1 − p))</c> computed in double and each scalar rounded to float when it meets the tensor.</item>
/// </list>
/// Backward: <c>∂L/∂x = ∂L/∂y · noise</c> (the shift b has no gradient with respect to x).
/// </summary>
internal sealed class DropoutNoise
{
    /// <summary>−α′ = λ·α of SELU (Klambauer et al., 2017, "Self-Normalizing Neural Networks"), as ATen writes it.</summary>
    public const double SeluNegativeSaturation = 1.7580993408473766;

    private readonly TorchGenerator _generator;
    private readonly bool _alpha;
    private readonly string _layer;

    // What backward needs: the multiplier per group of the latest Forward (all zeros after p = 1), null after an
    // identity pass; and the latest input's shape.
    private float[]? _noise;
    private int[]? _inputShape;

    public DropoutNoise(double p, TorchGenerator generator, bool alpha, string layer)
    {
        DropoutChecks.Probability(p);
        ArgumentNullException.ThrowIfNull(generator);
        P = p;
        _generator = generator;
        _alpha = alpha;
        _layer = layer;
    }

    public double P { get; }

    /// <summary>Whether the latest Forward kept group <paramref name="group"/> (true for all after an identity pass).</summary>
    public bool Kept(int group)
    {
        if (_inputShape is null)
        {
            throw new InvalidOperationException($"{_layer}: Kept asked before Forward.");
        }
        if (_noise is null)
        {
            return true;
        }
        ArgumentOutOfRangeException.ThrowIfNegative(group);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(group, _noise.Length);
        return _noise[group] != 0;
    }

    /// <summary>The forward pass with <paramref name="groups"/> draws, each covering <c>n / groups</c> consecutive elements.</summary>
    public Tensor Forward(Tensor input, int groups, bool training)
    {
        int n = input.Length;
        _inputShape = input.Shape;
        if (!training || P == 0 || n == 0)
        {
            _noise = null;
            return input;
        }

        var output = new Tensor(input.Shape);
        var noise = new float[groups];
        if (P == 1)
        {
            // x·0 rather than zeros, as ATen multiplies by a zero scalar; no draws.
            for (int i = 0; i < n; i++)
            {
                output[i] = input[i] * 0f;
            }
            _noise = noise;
            return output;
        }

        // noise[k] ~ Bernoulli(1 − p): one double uniform per group, row-major.
        _generator.Bernoulli(noise, 1 - P);

        int plane = n / groups;
        if (!_alpha)
        {
            // noise /= (1 − p) in float32; y[k·plane + j] = x[k·plane + j] · noise[k]
            float keep = (float)(1 - P);
            for (int k = 0; k < groups; k++)
            {
                noise[k] = noise[k] / keep;
            }
            for (int k = 0; k < groups; k++)
            {
                for (int j = 0; j < plane; j++)
                {
                    int i = k * plane + j;
                    output[i] = input[i] * noise[k];
                }
            }
            _noise = noise;
            return output;
        }

        // a = 1/√((α²·p + 1)(1 − p)) in double; the three scalars a, α·a and α·a·p each rounded to float.
        const double alpha = SeluNegativeSaturation;
        double a = 1 / Math.Sqrt((alpha * alpha * P + 1) * (1 - P));
        float scale = (float)a, alphaA = (float)(alpha * a), alphaAP = (float)(alpha * a * P);

        // b[k] = (noise[k] − 1)·(α·a) + α·a·p: α·a·p for a kept group, −α·a·(1 − p) = a·α′·(1 − p) for a dropped one.
        var shift = new float[groups];
        for (int k = 0; k < groups; k++)
        {
            shift[k] = (noise[k] - 1f) * alphaA + alphaAP;
        }

        // noise[k] ·= a
        for (int k = 0; k < groups; k++)
        {
            noise[k] = noise[k] * scale;
        }

        // y[k·plane + j] = x[k·plane + j] · noise[k] + b[k]: a·x + α·a·p if kept, a·α′ + α·a·p = b if dropped.
        for (int k = 0; k < groups; k++)
        {
            for (int j = 0; j < plane; j++)
            {
                int i = k * plane + j;
                output[i] = input[i] * noise[k] + shift[k];
            }
        }
        _noise = noise;
        return output;
    }

    /// <summary>∂L/∂x[k·plane + j] = ∂L/∂y[k·plane + j] · noise[k], with the noise of the latest Forward.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        int[] inputShape = BackwardChecks.Saved(_inputShape, _layer);
        BackwardChecks.GradOutput(gradOutput, inputShape, _layer);
        if (_noise is null)
        {
            return gradOutput;
        }
        var gradInput = new Tensor(gradOutput.Shape);
        int plane = gradOutput.Length / _noise.Length;
        for (int k = 0; k < _noise.Length; k++)
        {
            for (int j = 0; j < plane; j++)
            {
                int i = k * plane + j;
                gradInput[i] = gradOutput[i] * _noise[k];
            }
        }
        return gradInput;
    }
}
