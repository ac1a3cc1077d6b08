using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Reference;

/// <summary>
/// <c>nn.Dropout(p)</c>, inverted dropout: <c>y = m ⊙ x / (1 − p)</c>, <c>m ~ Bernoulli(1 − p)</c> element-wise.
/// <para>
/// <c>p</c> is the probability of DROPPING a unit (PyTorch's meaning; some course notes, CS231n's among them, once
/// used the keep probability instead, and mixing the two up is a classic bug). Shapes: <c>x: any</c>, <c>y: same as x</c>.
/// PyTorch's default is <c>p = 0.5</c>; here p is always given, together with the generator the mask comes from.
/// </para>
/// <para>
/// Training mode follows ATen's CPU <c>_dropout_impl</c> (aten/src/ATen/native/Dropout.cpp) step for step:
/// p = 0 or an empty input is the identity (the input object itself is returned, as ATen returns <c>input</c>) and
/// draws nothing; p = 1 returns <c>x·0</c> (so ±∞ and NaN become NaN) and draws nothing; otherwise
/// <c>noise = bernoulli_(1 − p)</c> (one double uniform per element, row-major), <c>noise /= (1 − p)</c> in float32,
/// <c>y = x·noise</c>. Eval mode is the identity too (the input object itself) and never draws.
/// Backward: <c>∂L/∂x = ∂L/∂y · noise</c>, with the noise the latest Forward drew.
/// </para>
/// </summary>
public sealed class Dropout : IStochasticModule
{
    private readonly TorchGenerator _generator;

    // What backward needs: the per-element multiplier of the latest Forward (m/(1 − p), or 0 when p = 1),
    // or null when that Forward was the identity (eval, p = 0, empty input).
    private float[]? _noise;
    private int[]? _inputShape;

    /// <summary>
    /// A dropout layer that drops each element with probability <paramref name="p"/>, drawing masks from
    /// <paramref name="generator"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">p is NaN or outside [0, 1] (PyTorch's message).</exception>
    public Dropout(double p, TorchGenerator generator)
    {
        DropoutChecks.Probability(p);
        ArgumentNullException.ThrowIfNull(generator);
        P = p;
        _generator = generator;
    }

    /// <summary>The probability of dropping (zeroing) each element in training mode.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <summary>
    /// Test hook: whether the latest Forward passed element <paramref name="index"/> through (row-major). True for every
    /// element after an identity pass (eval mode, p = 0, empty input), false for every element after a p = 1 pass.
    /// </summary>
    /// <exception cref="InvalidOperationException">No Forward has run yet.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the latest input.</exception>
    public bool Kept(int index)
    {
        int[] shape = BackwardChecks.Saved(_inputShape, "Dropout");
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Shapes.CheckedElementCount(shape, nameof(shape)));
        return _noise is null || _noise[index] != 0;
    }

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>y = m ⊙ x / (1 − p) in training mode; y = x in eval mode.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        int n = input.Length;
        _inputShape = input.Shape;
        if (!IsTraining || P == 0 || n == 0)
        {
            _noise = null;
            return input;
        }

        var output = new Tensor(input.Shape);
        var noise = new float[n];
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

        // m ~ Bernoulli(1 − p): one double uniform per element, in row-major order.
        _generator.Bernoulli(noise, 1 - P);

        // noise /= (1 − p) in float32, as ATen's div_ by the Scalar (1 − p): kept units get 1f/(float)(1 − p).
        // dropout.json cannot tell this from (float)(1/(1 − p)): the two agree for every p it holds (0.1 … 0.7);
        // they differ for other p (0.04, 0.15, 0.42, …), where ATen's order, followed here, decides.
        float keep = (float)(1 - P);
        for (int i = 0; i < n; i++)
        {
            noise[i] = noise[i] / keep;
        }

        // y = x ⊙ noise
        for (int i = 0; i < n; i++)
        {
            output[i] = input[i] * noise[i];
        }
        _noise = noise;
        return output;
    }

    /// <summary>
    /// ∂L/∂x = ∂L/∂y ⊙ noise, with the noise of the latest Forward; after an identity pass it is ∂L/∂y itself.
    /// </summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        int[] inputShape = BackwardChecks.Saved(_inputShape, "Dropout");
        BackwardChecks.GradOutput(gradOutput, inputShape, "Dropout");
        if (_noise is null)
        {
            return gradOutput;
        }
        var gradInput = new Tensor(gradOutput.Shape);
        for (int i = 0; i < gradInput.Length; i++)
        {
            gradInput[i] = gradOutput[i] * _noise[i];
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
