using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Reference;

/// <summary>
/// <c>nn.Dropout2d(p)</c>, channel-wise (spatial) inverted dropout:
/// <c>y[n, c, …] = m[n, c] · x[n, c, …] / (1 − p)</c>, <c>m[n, c] ~ Bernoulli(1 − p)</c>.
/// <para>
/// Shapes: <c>x: (N, C, H, W)</c> or <c>x: (N, C, L)</c>; <c>y</c> same as x. <c>p</c> is the probability of
/// DROPPING a whole channel; PyTorch's default is <c>p = 0.5</c>. Each (n, c) plane is kept (and scaled by
/// 1/(1 − p)) or zeroed as a whole: neighbouring pixels of a feature map are strongly correlated, so dropping
/// single pixels would barely remove information, while dropping the whole map does.
/// </para>
/// <para>
/// Ranks: PyTorch 2.10 treats a 3-D input as (N, C, L) — channel-wise, with a deprecation warning saying this
/// will one day mean an unbatched (C, H, W) — and this class does the same. Any other rank is an
/// <see cref="ArgumentException"/> thrown before any state changes (<see cref="DropoutChecks.ChannelInput"/> says why).
/// </para>
/// <para>
/// Training mode follows ATen's CPU <c>_dropout_impl</c> with feature noise of shape (N, C): p = 0 or an empty
/// input is the identity (the input object itself) and draws nothing; p = 1 returns <c>x·0</c> (±∞ and NaN become NaN) and draws nothing;
/// otherwise one double uniform per (n, c) in row-major order gives <c>bernoulli_(1 − p)</c>, then
/// <c>noise /= (1 − p)</c> in float32 (kept channels get <c>1f/(float)(1 − p)</c>, see <see cref="Dropout"/>).
/// Eval mode is the identity and never draws. Backward: <c>∂L/∂x[n, c, …] = ∂L/∂y[n, c, …] · noise[n, c]</c>.
/// </para>
/// </summary>
public sealed class Dropout2d : IStochasticModule
{
    private readonly TorchGenerator _generator;

    // What backward needs: noise[n·C + c] = m[n, c]/(1 − p) (all zeros when p = 1), or null when the latest
    // Forward was the identity; and the input's shape to read N, C and the plane size from.
    private float[]? _noise;
    private int[]? _inputShape;

    /// <summary>A channel-dropout layer that drops each (sample, channel) plane with probability <paramref name="p"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is NaN or outside [0, 1] (PyTorch's message).</exception>
    public Dropout2d(double p, TorchGenerator generator)
    {
        DropoutChecks.Probability(p);
        ArgumentNullException.ThrowIfNull(generator);
        P = p;
        _generator = generator;
    }

    /// <summary>The probability of dropping (zeroing) each (sample, channel) plane in training mode.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <summary>
    /// Test hook: whether the latest Forward kept plane <paramref name="index"/> = n·C + c (row-major over (N, C)). True
    /// for every plane after an identity pass (eval mode, p = 0, empty input), false for every plane after a p = 1 pass.
    /// </summary>
    /// <exception cref="InvalidOperationException">No Forward has run yet.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the N·C planes of the latest input.</exception>
    public bool Kept(int index)
    {
        int[] shape = BackwardChecks.Saved(_inputShape, "Dropout2d");
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, shape[0] * shape[1]);
        return _noise is null || _noise[index] != 0;
    }

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>y[n, c, …] = m[n, c] · x[n, c, …] / (1 − p) in training mode; y = x in eval mode.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        DropoutChecks.ChannelInput(input);
        int n = input.Length;
        _inputShape = input.Shape;
        if (!IsTraining || P == 0 || n == 0)
        {
            _noise = null;
            return input;
        }

        int batch = input.Size(0), channels = input.Size(1);
        int plane = n / (batch * channels);
        var noise = new float[batch * channels];
        var output = new Tensor(input.Shape);
        if (P == 1)
        {
            // PyTorch returns x·0 here rather than zeros, so ±∞ and NaN give NaN; no draws.
            for (int i = 0; i < n; i++)
            {
                output[i] = input[i] * 0f;
            }
            _noise = noise;
            return output;
        }

        // m[n, c] ~ Bernoulli(1 − p): one double uniform per (sample, channel), row-major.
        _generator.Bernoulli(noise, 1 - P);

        // noise /= (1 − p) in float32, as ATen's div_ by the Scalar (1 − p).
        float keep = (float)(1 - P);
        for (int k = 0; k < noise.Length; k++)
        {
            noise[k] = noise[k] / keep;
        }

        // y[n, c, j] = x[n, c, j] · noise[n, c], plane (n, c) occupying [k·plane, (k + 1)·plane) with k = n·C + c.
        for (int k = 0; k < noise.Length; k++)
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

    /// <summary>∂L/∂x[n, c, …] = ∂L/∂y[n, c, …] · noise[n, c], with the noise of the latest Forward.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        int[] inputShape = BackwardChecks.Saved(_inputShape, "Dropout2d");
        BackwardChecks.GradOutput(gradOutput, inputShape, "Dropout2d");
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

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
