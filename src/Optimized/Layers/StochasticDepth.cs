using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Optimized;

/// <summary>
/// <c>torchvision.ops.StochasticDepth(p, mode)</c>: <c>y = x·noise</c>, <c>noise = bernoulli_(1 − p) / (float)(1 − p)</c> of
/// shape (N, 1, …, 1) in mode "row" or (1, …, 1) in mode "batch"; eval mode and p = 0 return the input itself and draw
/// nothing; p = 1 draws and gives <c>x·0</c> (torchvision/ops/stochastic_depth.py; the Reference twin's summary gives the
/// steps). Backward <c>∂x = ∂y·noise</c>. Each sample is one scaled run of
/// <see cref="TensorPrimitives.Multiply(ReadOnlySpan{float}, float, Span{float})"/>; the noise and the outputs live in
/// buffers kept across steps.
/// </summary>
public sealed class StochasticDepth : IStochasticModule
{
    private readonly TorchGenerator _generator;
    private readonly bool _row;
    private float[]? _noise;
    private bool _identity;
    private Tensor? _input, _output, _gradInput;

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
        _row = mode == "row";
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
        Tensor input = BackwardChecks.Saved(_input, "StochasticDepth");
        ArgumentOutOfRangeException.ThrowIfNegative(sample);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(sample, input.Size(0));
        return _identity || _noise![_row ? sample : 0] != 0;
    }

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        StochasticDepthChecks.Input(input);
        _input = input;
        _identity = !IsTraining || P == 0;
        if (_identity)
        {
            return input;
        }
        double survival = 1.0 - P;
        float[] noise = Buffers.Array(ref _noise, _row ? input.Size(0) : 1);
        _generator.Bernoulli(noise, survival);
        if (survival > 0)
        {
            TensorPrimitives.Divide(noise, (float)survival, noise);
        }
        Tensor output = Buffers.Like(ref _output, input);
        Scale(input.Data, noise, output.Data);
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor input = BackwardChecks.Saved(_input, "StochasticDepth");
        BackwardChecks.GradOutput(gradOutput, input, "StochasticDepth");
        if (_identity)
        {
            return gradOutput;
        }
        Tensor gradInput = Buffers.Like(ref _gradInput, input);
        Scale(gradOutput.Data, _noise!, gradInput.Data);
        return gradInput;
    }

    /// <summary><c>y[n, …] = x[n, …]·noise[n]</c>, or <c>x·noise[0]</c> when one draw serves the batch.</summary>
    private static void Scale(float[] x, float[] noise, float[] y)
    {
        if (noise.Length == 1 || x.Length == 0)
        {
            TensorPrimitives.Multiply(x, noise.Length == 1 ? noise[0] : 0f, y);
            return;
        }
        int perSample = x.Length / noise.Length;
        for (int n = 0; n < noise.Length; n++)
        {
            TensorPrimitives.Multiply(x.AsSpan(n * perSample, perSample), noise[n], y.AsSpan(n * perSample, perSample));
        }
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
