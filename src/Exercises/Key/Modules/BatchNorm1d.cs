using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Exercises.Key.Modules;

/// <summary>
/// The model answer to 002.L5: <c>nn.BatchNorm1d(C, eps, momentum)</c> on <c>x: (N, C)</c>,
/// <c>y = (x − μ)/√(σ² + ε)·γ + β</c>. Training: μ and the biased σ² of the batch; the running statistics move by
/// <c>r ← (1 − m)·r + m·batch</c>, the running variance taking the UNBIASED batch variance N/(N − 1)·σ². Eval: the running
/// statistics, no update.
/// </summary>
public class BatchNorm1d : IModule
{
    private readonly double _eps, _momentum;

    // What backward needs: the normalised input x̂, 1/√(σ² + ε) per feature, and whether batch statistics were used.
    private Tensor? _normalised;
    private double[] _inverseStd = [];
    private bool _usedBatchStatistics;

    /// <summary>γ = 1, β = 0, running_mean = 0, running_var = 1.</summary>
    public BatchNorm1d(int numFeatures, double eps, double momentum)
    {
        BatchNormChecks.Arguments(numFeatures, eps, momentum);
        _eps = eps;
        _momentum = momentum;
        Weight = new Parameter(Tensor.Ones(numFeatures));
        Bias = new Parameter(Tensor.Zeros(numFeatures));
        RunningMean = Tensor.Zeros(numFeatures);
        RunningVar = Tensor.Ones(numFeatures);
        NumBatchesTracked = new Tensor([0f], []);
    }

    /// <summary>γ: (C).</summary>
    public Parameter Weight { get; }

    /// <summary>β: (C).</summary>
    public Parameter Bias { get; }

    /// <summary>running_mean: (C).</summary>
    public Tensor RunningMean { get; }

    /// <summary>running_var: (C), unbiased.</summary>
    public Tensor RunningVar { get; }

    /// <summary>num_batches_tracked, a scalar.</summary>
    public Tensor NumBatchesTracked { get; }

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary>y = x̂·γ + β with x̂ = (x − μ)/√(σ² + ε), per feature.</summary>
    public Tensor Forward(Tensor input)
    {
        BatchNormChecks.Input(input, Weight.Value.Length, IsTraining);
        int n = input.Size(0), c = input.Size(1);
        var normalised = new Tensor(input.Shape);
        var output = new Tensor(input.Shape);
        _inverseStd = new double[c];
        for (int f = 0; f < c; f++)
        {
            double mean, variance;
            if (IsTraining)
            {
                mean = 0;
                for (int row = 0; row < n; row++) mean += input[row, f];
                mean /= n;
                double squares = 0;
                for (int row = 0; row < n; row++) squares += (input[row, f] - mean) * (input[row, f] - mean);
                variance = squares / n;
                RunningMean[f] = (float)((1 - _momentum) * RunningMean[f] + _momentum * mean);
                RunningVar[f] = (float)((1 - _momentum) * RunningVar[f] + _momentum * RunningVariance(squares, n));
            }
            else
            {
                mean = RunningMean[f];
                variance = RunningVar[f];
            }
            _inverseStd[f] = 1 / Math.Sqrt(variance + _eps);
            for (int row = 0; row < n; row++)
            {
                normalised[row * c + f] = (float)((input[row, f] - mean) * _inverseStd[f]);
                output[row * c + f] = normalised[row * c + f] * Weight.Value[f] + Bias.Value[f];
            }
        }
        if (IsTraining) NumBatchesTracked[0] += 1;
        _normalised = normalised;
        _usedBatchStatistics = IsTraining;
        return output;
    }

    /// <summary>
    /// Training: <c>∂x = γ/s·(g − mean(g) − x̂·mean(g·x̂))</c>, s = √(σ² + ε) (μ and σ² depend on x); eval: <c>∂x = γ/s·g</c>.
    /// Adds Σ g·x̂ into ∂γ and Σ g into ∂β.
    /// </summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor normalised = _normalised ?? throw new InvalidOperationException("BatchNorm1d: Backward called before Forward.");
        int n = normalised.Size(0), c = normalised.Size(1);
        var gradInput = new Tensor(normalised.Shape);
        for (int f = 0; f < c; f++)
        {
            double sumG = 0, sumGx = 0;
            for (int row = 0; row < n; row++)
            {
                sumG += gradOutput[row, f];
                sumGx += (double)gradOutput[row, f] * normalised[row, f];
            }
            Weight.Grad[f] += (float)sumGx;
            Bias.Grad[f] += (float)sumG;
            double scale = Weight.Value[f] * _inverseStd[f];
            for (int row = 0; row < n; row++)
            {
                double g = gradOutput[row, f];
                gradInput[row * c + f] = (float)(_usedBatchStatistics
                    ? scale * (g - sumG / n - normalised[row, f] * sumGx / n)
                    : scale * g);
            }
        }
        return gradInput;
    }

    /// <summary>The batch variance the running statistics take: unbiased, Σ(x − μ)²/(N − 1) (PyTorch's choice).</summary>
    protected virtual double RunningVariance(double squares, int count) => squares / (count - 1);

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
