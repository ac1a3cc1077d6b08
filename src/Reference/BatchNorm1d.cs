using Verification.Core;

namespace Verification.Reference;

/// <summary>
/// <c>nn.BatchNorm1d(C, eps=1e-5, momentum=0.1)</c> on <c>x: (N, C)</c>:
/// <c>y = (x − μ) / √(σ² + ε) · γ + β</c> per feature.
/// Training: μ, σ² are the batch mean and biased variance, and the running statistics move by
/// <c>r ← (1 − m)·r + m·batch</c> (the running variance takes the unbiased batch variance, N/(N − 1)·σ²).
/// Eval: μ, σ² are the running statistics. γ starts at ones, β at zeros; running_mean at zeros, running_var at ones.
/// <c>num_batches_tracked</c> is kept as a 1-element float tensor (PyTorch: int64 scalar).
/// </summary>
public sealed class BatchNorm1d : IModule
{
    // What Backward needs from the latest Forward: the input, the statistics used and whether they were the batch's.
    private Tensor? _input;
    private float[] _mean = [];
    private float[] _inverseStd = [];
    private bool _usedBatchStatistics;

    /// <summary>Creates the layer with γ = 1, β = 0, running_mean = 0, running_var = 1.</summary>
    public BatchNorm1d(int numFeatures, double eps = 1e-5, double momentum = 0.1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numFeatures);
        if (!(eps > 0) || double.IsInfinity(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, $"eps must be a positive finite number, but got {eps}.");
        }
        if (!(momentum >= 0 && momentum <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"momentum must be in [0, 1], but got {momentum}.");
        }
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        Weight = new Parameter(Tensor.Ones(numFeatures));
        Bias = new Parameter(Tensor.Zeros(numFeatures));
        RunningMean = Tensor.Zeros(numFeatures);
        RunningVar = Tensor.Ones(numFeatures);
        NumBatchesTracked = Tensor.Zeros(1);
    }

    /// <summary>C.</summary>
    public int NumFeatures { get; }

    /// <summary>ε added to the variance.</summary>
    public double Eps { get; }

    /// <summary>m: the weight of the newest batch in the running statistics (PyTorch's convention, not Keras's 1 − m).</summary>
    public double Momentum { get; }

    /// <summary>γ: (C).</summary>
    public Parameter Weight { get; }

    /// <summary>β: (C).</summary>
    public Parameter Bias { get; }

    /// <summary>Running mean: (C).</summary>
    public Tensor RunningMean { get; }

    /// <summary>Running (unbiased) variance: (C).</summary>
    public Tensor RunningVar { get; }

    /// <summary>Number of training batches seen, as a 1-element float tensor.</summary>
    public Tensor NumBatchesTracked { get; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary><c>y = (x − μ) / √(σ² + ε) · γ + β</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Rank != 2 || input.Size(1) != NumFeatures)
        {
            throw new ArgumentException(
                $"BatchNorm1d({NumFeatures}) expects input of shape (N, {NumFeatures}) but got {input.ShapeText}.", nameof(input));
        }
        int n = input.Size(0), c = NumFeatures;
        if (IsTraining && n <= 1)
        {
            throw new ArgumentException(
                $"Expected more than 1 value per channel when training, got input size {input.ShapeText}", nameof(input));
        }

        var mean = new float[c];
        var inverseStd = new float[c];
        float[] x = input.Data;
        if (IsTraining)
        {
            for (int f = 0; f < c; f++)
            {
                // Sums in double, as PyTorch's CPU kernel accumulates float statistics in its double acc_type.
                // μ = Σₙ x / N
                double sum = 0;
                for (int row = 0; row < n; row++) sum += x[row * c + f];
                double batchMean = sum / n;

                // σ² = Σₙ (x − μ)² / N (biased, used to normalise)
                double squares = 0;
                for (int row = 0; row < n; row++)
                {
                    double d = x[row * c + f] - batchMean;
                    squares += d * d;
                }
                double biasedVar = squares / n;
                double unbiasedVar = squares / (n - 1);

                mean[f] = (float)batchMean;
                inverseStd[f] = (float)(1.0 / Math.Sqrt(biasedVar + Eps));

                // r ← (1 − m)·r + m·batch
                RunningMean.Data[f] = (float)(Momentum * batchMean + (1 - Momentum) * RunningMean.Data[f]);
                RunningVar.Data[f] = (float)(Momentum * unbiasedVar + (1 - Momentum) * RunningVar.Data[f]);
            }
            NumBatchesTracked.Data[0] += 1f;
        }
        else
        {
            for (int f = 0; f < c; f++)
            {
                mean[f] = RunningMean.Data[f];
                inverseStd[f] = (float)(1.0 / Math.Sqrt(RunningVar.Data[f] + Eps));
            }
        }

        var output = new Tensor(n, c);
        float[] gamma = Weight.Value.Data, beta = Bias.Value.Data;
        for (int row = 0; row < n; row++)
        {
            for (int f = 0; f < c; f++)
            {
                float normalised = (x[row * c + f] - mean[f]) * inverseStd[f];
                output.Data[row * c + f] = normalised * gamma[f] + beta[f];
            }
        }
        _input = input;
        _mean = mean;
        _inverseStd = inverseStd;
        _usedBatchStatistics = IsTraining;
        return output;
    }

    /// <summary>
    /// Training (through the batch statistics), with x̂ = (x − μ)/s, s = √(σ² + ε):
    /// <c>∂x = γ/s · (g − Σg/N − x̂·Σ(g·x̂)/N)</c>. Eval: <c>∂x = γ/s · g</c>.
    /// Both add <c>Σ g·x̂</c> to ∂γ and <c>Σ g</c> to ∂β.
    /// </summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor input = _input ?? throw new InvalidOperationException("Backward called before Forward.");
        Shapes.RequireSame(gradOutput, input, nameof(gradOutput), "BatchNorm1d backward");
        int n = input.Size(0), c = NumFeatures;
        float[] x = input.Data, g = gradOutput.Data, gamma = Weight.Value.Data;
        var gradInput = new Tensor(n, c);
        for (int f = 0; f < c; f++)
        {
            // Σg and Σ g·(x − μ) in double, as PyTorch's backward kernel does.
            double sumG = 0, dot = 0;
            for (int row = 0; row < n; row++)
            {
                sumG += g[row * c + f];
                dot += (double)g[row * c + f] * (x[row * c + f] - _mean[f]);
            }
            double invStd = _inverseStd[f];
            Weight.Grad.Data[f] += (float)(dot * invStd);
            Bias.Grad.Data[f] += (float)sumG;

            for (int row = 0; row < n; row++)
            {
                double centred = x[row * c + f] - _mean[f];
                double dx = _usedBatchStatistics
                    ? (g[row * c + f] - sumG / n - centred * invStd * invStd * dot / n) * invStd * gamma[f]
                    : g[row * c + f] * invStd * gamma[f];
                gradInput.Data[row * c + f] = (float)dx;
            }
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters()
    {
        yield return new NamedParameter("weight", Weight);
        yield return new NamedParameter("bias", Bias);
    }

    /// <inheritdoc/>
    public IEnumerable<NamedBuffer> NamedBuffers()
    {
        yield return new NamedBuffer("running_mean", RunningMean);
        yield return new NamedBuffer("running_var", RunningVar);
        yield return new NamedBuffer("num_batches_tracked", NumBatchesTracked);
    }
}
