using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Exercises.Key.Modules;

/// <summary>
/// The model answer to 002.L4: <c>nn.Dropout2d(p)</c> on <c>x: (N, C, H, W)</c> or <c>(N, C, L)</c>,
/// <c>y[n, c, …] = m[n, c] · x[n, c, …] / (1 − p)</c>: one draw per (sample, channel), so a channel is kept or dropped whole.
/// </summary>
public sealed class Dropout2d : IModule
{
    private readonly double _p;
    private readonly TorchGenerator _generator;

    // m[n, c]/(1 − p) of the latest training Forward, one per (sample, channel); null after an identity pass.
    private float[]? _noise;

    /// <summary>Channel dropout with drop probability <paramref name="p"/>.</summary>
    public Dropout2d(double p, TorchGenerator generator)
    {
        DropoutChecks.Probability(p);
        _p = p;
        _generator = generator ?? throw new ArgumentNullException(nameof(generator));
    }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>y[n, c, …] = m[n, c] · x[n, c, …] / (1 − p) in training mode, y = x in eval mode.</summary>
    public Tensor Forward(Tensor input)
    {
        DropoutChecks.ChannelInput(input);
        _noise = null;
        if (!IsTraining || _p == 0 || input.Length == 0) return input;
        var noise = new float[input.Size(0) * input.Size(1)];
        if (_p < 1)
        {
            _generator.Bernoulli(noise, 1 - _p);
            float keep = (float)(1 - _p);
            for (int k = 0; k < noise.Length; k++) noise[k] /= keep;
        }
        _noise = noise;
        return Scale(input, noise);
    }

    /// <summary>∂L/∂x[n, c, …] = ∂L/∂y[n, c, …] · m[n, c] / (1 − p).</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        return _noise is null ? gradOutput : Scale(gradOutput, _noise);
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];

    /// <summary>Each (n, c) plane — the run of <c>length / (N·C)</c> consecutive elements k·plane … — times noise[k].</summary>
    private static Tensor Scale(Tensor values, float[] noise)
    {
        var result = new Tensor(values.Shape);
        int plane = values.Length / noise.Length;
        for (int i = 0; i < values.Length; i++) result[i] = values[i] * noise[i / plane];
        return result;
    }
}
