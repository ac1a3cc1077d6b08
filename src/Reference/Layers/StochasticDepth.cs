using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Reference;

/// <summary>
/// <c>torchvision.ops.StochasticDepth(p, mode)</c> (Huang, Sun, Liu, Sedra and Weinberger, "Deep Networks with Stochastic
/// Depth", ECCV 2016): placed on a residual branch, it drops the whole branch, <c>y = x ⊙ noise</c> with
/// <c>noise = b / (1 − p)</c>, <c>b ~ Bernoulli(1 − p)</c>, the survival rate being <c>1 − p</c>.
/// <para>
/// Step for step as torchvision/ops/stochastic_depth.py: eval mode or p = 0 return the input itself and draw nothing;
/// otherwise <c>noise = torch.empty(size).bernoulli_(1 − p)</c> with <c>size = (N, 1, …, 1)</c> in mode "row" (one double
/// uniform per sample, in order) or <c>(1, …, 1)</c> in mode "batch" (one for the whole batch); then, when the survival rate
/// is above 0, <c>noise.div_(1 − p)</c> (in float32: a survivor's factor is <c>1f/(float)(1 − p)</c>); and
/// <c>y = x·noise</c>, broadcast. So p = 1 still draws, and gives <c>x·0</c> (±∞ and NaN become NaN).
/// Backward: <c>∂x = ∂y·noise</c>, with the noise of the latest Forward.
/// </para>
/// </summary>
public sealed class StochasticDepth : IStochasticModule
{
    private readonly TorchGenerator _generator;

    // What backward needs: one factor per draw of the latest Forward (null after an identity pass), and the input's shape.
    private float[]? _noise;
    private int[]? _inputShape;

    /// <summary>Drops the input with probability <paramref name="p"/>, per sample ("row") or per batch ("batch").</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is NaN or outside [0, 1] (torchvision's message).</exception>
    /// <exception cref="ArgumentException">mode is neither "row" nor "batch" (torchvision's message).</exception>
    public StochasticDepth(double p, string mode, TorchGenerator generator)
    {
        StochasticDepthChecks.Probability(p);
        StochasticDepthChecks.Mode(mode);
        ArgumentNullException.ThrowIfNull(generator);
        P = p;
        Mode = mode;
        _generator = generator;
    }

    /// <summary>The probability of dropping (1 − the survival rate).</summary>
    public double P { get; }

    /// <summary>"row" (one draw per sample) or "batch" (one draw per Forward).</summary>
    public string Mode { get; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>
    /// Test hook: whether the latest Forward kept sample <paramref name="sample"/> (in mode "batch", every sample shares one
    /// fate). True after an identity pass.
    /// </summary>
    /// <exception cref="InvalidOperationException">No Forward has run yet.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sample"/> is outside the latest batch.</exception>
    public bool Kept(int sample)
    {
        int[] shape = BackwardChecks.Saved(_inputShape, "StochasticDepth");
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sample, shape[0]);
        return _noise is null || _noise[Mode == "row" ? sample : 0] != 0;
    }

    /// <summary><c>y = x·noise</c> in training mode (noise per sample or per batch); <c>y = x</c> in eval mode or at p = 0.</summary>
    public Tensor Forward(Tensor input)
    {
        StochasticDepthChecks.Input(input);
        _inputShape = input.Shape;
        if (!IsTraining || P == 0)
        {
            _noise = null;
            return input;
        }

        // noise = empty(size).bernoulli_(survival): N draws in mode "row", one in mode "batch".
        double survival = 1.0 - P;
        var noise = new float[Mode == "row" ? input.Size(0) : 1];
        _generator.Bernoulli(noise, survival);
        if (survival > 0)
        {
            float divisor = (float)survival;
            for (int i = 0; i < noise.Length; i++)
            {
                noise[i] = noise[i] / divisor;
            }
        }

        // y[n, …] = x[n, …]·noise[n] (row) or x·noise[0] (batch)
        var output = new Tensor(input.Shape);
        int perSample = input.Size(0) == 0 ? 0 : input.Length / input.Size(0);
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = input[i] * noise[Mode == "row" ? i / perSample : 0];
        }
        _noise = noise;
        return output;
    }

    /// <summary><c>∂x = ∂y·noise</c>; after an identity pass, ∂y itself.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        int[] shape = BackwardChecks.Saved(_inputShape, "StochasticDepth");
        BackwardChecks.GradOutput(gradOutput, shape, "StochasticDepth");
        if (_noise is null)
        {
            return gradOutput;
        }
        var gradInput = new Tensor(shape);
        int perSample = shape[0] == 0 ? 0 : gradOutput.Length / shape[0];
        for (int i = 0; i < gradOutput.Length; i++)
        {
            gradInput[i] = gradOutput[i] * _noise[Mode == "row" ? i / perSample : 0];
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
