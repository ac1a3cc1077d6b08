using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Exercises.Key.Modules;

/// <summary>
/// The model answer to 000.L1 and 003.L1: <c>nn.Dropout(p)</c>, <c>y = m ⊙ x / (1 − p)</c> with <c>m ~ Bernoulli(1 − p)</c>,
/// p the probability of DROPPING. Eval mode, p = 0 and an empty input are the identity and draw nothing; p = 1 gives
/// <c>x·0</c> and draws nothing (ATen's <c>_dropout_impl</c>, aten/src/ATen/native/Dropout.cpp).
/// </summary>
public sealed class Dropout : IModule
{
    private readonly double _p;
    private readonly TorchGenerator _generator;

    // The per-element multiplier of the latest training Forward (m/(1 − p)); null after an identity pass.
    private float[]? _noise;

    /// <summary>Dropout with drop probability <paramref name="p"/>, drawing its masks from <paramref name="generator"/>.</summary>
    public Dropout(double p, TorchGenerator generator)
    {
        DropoutChecks.Probability(p);
        _p = p;
        _generator = generator ?? throw new ArgumentNullException(nameof(generator));
    }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>y = m ⊙ x / (1 − p) in training mode, y = x in eval mode.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _noise = null;
        if (!IsTraining || _p == 0 || input.Length == 0) return input;
        var noise = new float[input.Length];
        if (_p < 1)
        {
            // m ~ Bernoulli(1 − p), one double uniform per element; then noise = m / (1 − p) in float32, as ATen divides.
            _generator.Bernoulli(noise, 1 - _p);
            float keep = (float)(1 - _p);
            for (int i = 0; i < noise.Length; i++) noise[i] /= keep;
        }
        _noise = noise;
        var output = new Tensor(input.Shape);
        for (int i = 0; i < output.Length; i++) output[i] = input[i] * noise[i];
        return output;
    }

    /// <summary>∂L/∂x = ∂L/∂y ⊙ m / (1 − p), with the mask of the latest Forward (never a fresh one).</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_noise is null) return gradOutput;
        var gradInput = new Tensor(gradOutput.Shape);
        for (int i = 0; i < gradInput.Length; i++) gradInput[i] = gradOutput[i] * _noise[i];
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
