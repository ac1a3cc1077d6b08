using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Reference;

/// <summary>
/// <c>nn.BatchNorm1d(C, eps=1e-5, momentum=0.1)</c> on <c>x: (N, C)</c> or <c>x: (N, C, L)</c>:
/// <c>y = (x − μ) / √(σ² + ε) · γ + β</c> per channel, the statistics taken over N (and L).
/// Training: μ, σ² are the batch mean and biased variance, and the running statistics move by
/// <c>r ← (1 − m)·r + m·batch</c> (the running variance takes the unbiased batch variance, N/(N − 1)·σ²).
/// Eval: μ, σ² are the running statistics. γ starts at ones, β at zeros; running_mean at zeros, running_var at ones.
/// <c>num_batches_tracked</c> is a scalar (shape []) float tensor (PyTorch: an int64 scalar; checkpoints store I64).
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
        BatchNormChecks.Arguments(numFeatures, eps, momentum);
        NumFeatures = numFeatures;
        Eps = eps;
        Momentum = momentum;
        Weight = new Parameter(Tensor.Ones(numFeatures));
        Bias = new Parameter(Tensor.Zeros(numFeatures));
        RunningMean = Tensor.Zeros(numFeatures);
        RunningVar = Tensor.Ones(numFeatures);
        NumBatchesTracked = new Tensor([0f], []);
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

    /// <summary>Number of training batches seen, as a scalar (shape []) float tensor.</summary>
    public Tensor NumBatchesTracked { get; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary><c>y = (x − μ) / √(σ² + ε) · γ + β</c>, per channel c over the N·L values x[n, c, l].</summary>
    public Tensor Forward(Tensor input)
    {
        BatchNormChecks.Input(input, NumFeatures, IsTraining);
        int n = input.Size(0), c = NumFeatures, l = input.Rank == 3 ? input.Size(2) : 1;
        int count = n * l;

        var mean = new float[c];
        var inverseStd = new float[c];
        float[] x = input.Data;
        if (IsTraining)
        {
            for (int f = 0; f < c; f++)
            {
                // Sums in double, as PyTorch's CPU kernel accumulates float statistics in its double acc_type.
                // μ = Σ x / (N·L)
                double sum = 0;
                for (int row = 0; row < n; row++)
                {
                    for (int t = 0; t < l; t++) sum += x[(row * c + f) * l + t];
                }
                double batchMean = sum / count;

                // σ² = Σ (x − μ)² / (N·L) (biased, used to normalise)
                double squares = 0;
                for (int row = 0; row < n; row++)
                {
                    for (int t = 0; t < l; t++)
                    {
                        double d = x[(row * c + f) * l + t] - batchMean;
                        squares += d * d;
                    }
                }
                double biasedVar = squares / count;
                double unbiasedVar = squares / (count - 1);

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

        var output = new Tensor(input.Shape);
        float[] gamma = Weight.Value.Data, beta = Bias.Value.Data;
        for (int row = 0; row < n; row++)
        {
            for (int f = 0; f < c; f++)
            {
                for (int t = 0; t < l; t++)
                {
                    int i = (row * c + f) * l + t;
                    float normalised = (x[i] - mean[f]) * inverseStd[f];
                    output.Data[i] = normalised * gamma[f] + beta[f];
                }
            }
        }
        _input = input;
        _mean = mean;
        _inverseStd = inverseStd;
        _usedBatchStatistics = IsTraining;
        return output;
    }

    /// <summary>
    /// Training (through the batch statistics), with x̂ = (x − μ)/s, s = √(σ² + ε) and M = N·L values per channel:
    /// <c>∂x = γ/s · (g − Σg/M − x̂·Σ(g·x̂)/M)</c>. Eval: <c>∂x = γ/s · g</c>.
    /// Both add <c>Σ g·x̂</c> to ∂γ and <c>Σ g</c> to ∂β.
    /// </summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor input = BackwardChecks.Saved(_input, "BatchNorm1d");
        BackwardChecks.GradOutput(gradOutput, input, "BatchNorm1d");
        int n = input.Size(0), c = NumFeatures, l = input.Rank == 3 ? input.Size(2) : 1;
        int count = n * l;
        float[] x = input.Data, g = gradOutput.Data, gamma = Weight.Value.Data;
        var gradInput = new Tensor(input.Shape);
        for (int f = 0; f < c; f++)
        {
            // Σg and Σ g·(x − μ) in double, as PyTorch's backward kernel does.
            double sumG = 0, dot = 0;
            for (int row = 0; row < n; row++)
            {
                for (int t = 0; t < l; t++)
                {
                    int i = (row * c + f) * l + t;
                    sumG += g[i];
                    dot += (double)g[i] * (x[i] - _mean[f]);
                }
            }
            double invStd = _inverseStd[f];
            Weight.Grad.Data[f] += (float)(dot * invStd);
            Bias.Grad.Data[f] += (float)sumG;

            for (int row = 0; row < n; row++)
            {
                for (int t = 0; t < l; t++)
                {
                    int i = (row * c + f) * l + t;
                    double centred = x[i] - _mean[f];
                    double dx = _usedBatchStatistics
                        ? (g[i] - sumG / count - centred * invStd * invStd * dot / count) * invStd * gamma[f]
                        : g[i] * invStd * gamma[f];
                    gradInput.Data[i] = (float)dx;
                }
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
