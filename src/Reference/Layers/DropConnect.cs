using Verification.Core;
using Verification.Core.Checks;
using Verification.Core.Random;

namespace Verification.Reference;

/// <summary>
/// DropConnect (Wan, Zeiler, Zhang, LeCun and Fergus, "Regularization of Neural Networks using DropConnect", ICML 2013):
/// a Linear layer whose WEIGHTS, not its activations, are dropped. Each training step draws a fresh keep-mask
/// <c>m ~ Bernoulli(1 − p)</c> of W's shape and computes <c>y = x·W̃ᵀ + b</c> with <c>W̃ = W ⊙ m / (1 − p)</c>; the bias is
/// not masked. In PyTorch: <c>F.linear(x, F.dropout(W, p, training), b)</c>, so the mask is
/// <c>torch.empty_like(W).bernoulli_(1 − p)</c>: one double uniform per weight, row-major over (out, in), drawn at each
/// training Forward from the generator the layer was built with, after the initialisation's draws.
/// <para>
/// The paper's inference approximates the output's distribution by a Gaussian (moment matching) and samples from it;
/// this layer uses the deterministic inverted-scaling inference that common implementations use (the weight-dropped LSTM
/// of Merity et al. 2017, for one): in eval mode it is plain Linear with W. The paper also draws a mask per example;
/// here, as in those implementations, one mask serves the whole batch of a step.
/// </para>
/// <para>
/// The weight's dropout follows ATen's <c>_dropout_impl</c> (aten/src/ATen/native/Dropout.cpp), as <see cref="Dropout"/>
/// does: p = 0 and eval mode use W itself and draw nothing; p = 1 uses <c>W·0</c> and draws nothing; otherwise
/// <c>noise = bernoulli_(1 − p) / (float)(1 − p)</c>. Initialisation is <c>nn.Linear</c>'s (W, then b). Backward:
/// <c>∂x = g·W̃</c>, <c>∂W += (gᵀ·x) ⊙ noise</c> (zero where the mask dropped), <c>∂b += Σₙ g</c>.
/// </para>
/// </summary>
public sealed class DropConnect : IStochasticModule
{
    private readonly TorchGenerator _generator;

    // What backward needs: the latest input, its output shape, and the weights' multiplier m/(1 − p) of the latest
    // Forward (null when that Forward used W itself).
    private Tensor? _input;
    private int[] _outputShape = [];
    private float[]? _noise;

    /// <summary>Creates the layer, draws its weight, then its bias, from <paramref name="generator"/>, and keeps it for the masks.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1, or p is NaN or outside [0, 1] (PyTorch's messages).</exception>
    public DropConnect(int inFeatures, int outFeatures, double p, TorchGenerator generator, bool bias = true)
    {
        LinearChecks.Sizes(inFeatures, outFeatures);
        DropoutChecks.Probability(p);
        ArgumentNullException.ThrowIfNull(generator);
        var linear = new Linear(inFeatures, outFeatures, generator, bias);
        InFeatures = inFeatures;
        OutFeatures = outFeatures;
        P = p;
        Weight = linear.Weight;
        Bias = linear.Bias;
        _generator = generator;
    }

    /// <summary>Number of input features.</summary>
    public int InFeatures { get; }

    /// <summary>Number of output features.</summary>
    public int OutFeatures { get; }

    /// <summary>The probability of dropping each weight in a training step.</summary>
    public double P { get; }

    /// <summary>W: (out, in), the weights the optimizer updates (never the masked copy).</summary>
    public Parameter Weight { get; }

    /// <summary>b: (out), never masked; null without bias.</summary>
    public Parameter? Bias { get; }

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
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(output, OutFeatures);
        ArgumentOutOfRangeException.ThrowIfNegative(input);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(input, InFeatures);
        return _noise is null || _noise[output * InFeatures + input] != 0;
    }

    /// <summary><c>y[n, o] = Σₖ x[n, k]·W̃[o, k] + b[o]</c>, with <c>W̃ = W ⊙ noise</c> in training and W in eval mode.</summary>
    public Tensor Forward(Tensor input)
    {
        LinearChecks.Input(input, InFeatures, OutFeatures);
        float[] w = Weight.Value.Data;
        float[] effective = w;
        _noise = null;
        if (IsTraining && P > 0)
        {
            _noise = new float[w.Length];
            if (P < 1)
            {
                // m ~ Bernoulli(1 − p) over W's shape, then noise = m / (1 − p) in float32, as ATen's bernoulli_ and div_.
                _generator.Bernoulli(_noise, 1 - P);
                float keep = (float)(1 - P);
                for (int i = 0; i < _noise.Length; i++)
                {
                    _noise[i] = _noise[i] / keep;
                }
            }
            // W̃ = W ⊙ noise (p = 1 leaves noise at 0: W·0, as ATen's dropout at p = 1).
            effective = new float[w.Length];
            for (int i = 0; i < w.Length; i++)
            {
                effective[i] = w[i] * _noise[i];
            }
        }

        int n = input.Length / InFeatures;
        int[] outputShape = input.Shape;
        outputShape[^1] = OutFeatures;
        var output = new Tensor(outputShape);
        float[] x = input.Data, y = output.Data;
        for (int row = 0; row < n; row++)
        {
            for (int o = 0; o < OutFeatures; o++)
            {
                float sum = 0f;
                for (int k = 0; k < InFeatures; k++)
                {
                    sum += x[row * InFeatures + k] * effective[o * InFeatures + k];
                }
                y[row * OutFeatures + o] = Bias is null ? sum : sum + Bias.Value.Data[o];
            }
        }
        _input = input;
        _outputShape = outputShape;
        return output;
    }

    /// <summary><c>∂x = g·W̃</c>; adds <c>(gᵀ·x) ⊙ noise</c> to ∂W and <c>Σₙ g</c> to ∂b.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor input = BackwardChecks.Saved(_input, "DropConnect");
        BackwardChecks.GradOutput(gradOutput, _outputShape, "DropConnect");
        int n = input.Length / InFeatures;
        float[] x = input.Data, w = Weight.Value.Data, g = gradOutput.Data;
        var gradInput = new Tensor(input.Shape);
        float[] dx = gradInput.Data;

        // ∂x[n, k] = Σₒ g[n, o]·W̃[o, k], with W̃ rebuilt from the noise the Forward drew (never a fresh mask).
        for (int row = 0; row < n; row++)
        {
            for (int k = 0; k < InFeatures; k++)
            {
                float sum = 0f;
                for (int o = 0; o < OutFeatures; o++)
                {
                    float effective = _noise is null ? w[o * InFeatures + k] : w[o * InFeatures + k] * _noise[o * InFeatures + k];
                    sum += g[row * OutFeatures + o] * effective;
                }
                dx[row * InFeatures + k] = sum;
            }
        }

        // ∂W[o, k] += (Σₙ g[n, o]·x[n, k])·noise[o, k]: the chain rule through W̃ = W ⊙ noise.
        float[] dw = Weight.Grad.Data;
        for (int o = 0; o < OutFeatures; o++)
        {
            for (int k = 0; k < InFeatures; k++)
            {
                float sum = 0f;
                for (int row = 0; row < n; row++)
                {
                    sum += g[row * OutFeatures + o] * x[row * InFeatures + k];
                }
                dw[o * InFeatures + k] += _noise is null ? sum : sum * _noise[o * InFeatures + k];
            }
        }

        // ∂b[o] += Σₙ g[n, o]
        if (Bias is not null)
        {
            float[] db = Bias.Grad.Data;
            for (int o = 0; o < OutFeatures; o++)
            {
                float sum = 0f;
                for (int row = 0; row < n; row++)
                {
                    sum += g[row * OutFeatures + o];
                }
                db[o] += sum;
            }
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters()
    {
        yield return new NamedParameter("weight", Weight);
        if (Bias is not null)
        {
            yield return new NamedParameter("bias", Bias);
        }
    }
}
