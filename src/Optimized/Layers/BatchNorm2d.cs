using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary>
/// <c>nn.BatchNorm2d(C, eps=1e-5, momentum=0.1)</c> on <c>x: (N, C, H, W)</c>: <c>y = (x − μ)/√(σ² + ε)·γ + β</c> per channel,
/// μ and σ² over the channel's M = N·H·W values. Training: the batch mean and biased variance; the running statistics move
/// by <c>r ← (1 − momentum)·r + momentum·s</c> with the UNBIASED variance; <c>num_batches_tracked</c> counts steps. Eval: the
/// running statistics. Backward (training): <c>∂x = γ/√(σ² + ε)·(g − mean(g) − x̂·mean(g·x̂))</c>, <c>∂γ += Σ g·x̂</c>,
/// <c>∂β += Σ g</c>. Statistics and channel sums accumulate in double, as ATen's CPU kernel does; the element-wise
/// passes are fused (<see cref="Normalize"/>, <see cref="NormalizeGradient"/>), one H·W plane at a time. The double sums
/// stay sequential: the cross-checks pin them bit for bit to the Reference's order.
/// </summary>
public sealed class BatchNorm2d : IModule
{
    private readonly int _features;
    private readonly double _eps, _momentum;
    private readonly Parameter _weight, _bias;
    private readonly Tensor _runningMean, _runningVar, _numBatchesTracked;
    private readonly float[] _mean, _invStd;
    private Tensor? _input, _output, _gradInput;
    private bool _trainedForward;

    /// <summary>γ = 1, β = 0, running mean 0, running variance 1.</summary>
    public BatchNorm2d(int numFeatures, double eps = 1e-5, double momentum = 0.1)
    {
        BatchNorm2dChecks.Arguments(numFeatures, eps, momentum);
        _features = numFeatures;
        _eps = eps;
        _momentum = momentum;
        _weight = new Parameter(Tensor.Ones(numFeatures));
        _bias = new Parameter(Tensor.Zeros(numFeatures));
        _runningMean = Tensor.Zeros(numFeatures);
        _runningVar = Tensor.Ones(numFeatures);
        _numBatchesTracked = Tensor.Zeros(1);
        _mean = new float[numFeatures];
        _invStd = new float[numFeatures];
    }

    /// <summary>C.</summary>
    public int NumFeatures => _features;

    /// <summary>ε added to the variance.</summary>
    public double Eps => _eps;

    /// <summary>m: the weight of the newest batch in the running statistics.</summary>
    public double Momentum => _momentum;

    /// <summary>γ: (C).</summary>
    public Parameter Weight => _weight;

    /// <summary>β: (C).</summary>
    public Parameter Bias => _bias;

    /// <summary>Running mean: (C).</summary>
    public Tensor RunningMean => _runningMean;

    /// <summary>Running (unbiased) variance: (C).</summary>
    public Tensor RunningVar => _runningVar;

    /// <summary>Number of training batches seen, as a 1-element float tensor.</summary>
    public Tensor NumBatchesTracked => _numBatchesTracked;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        BatchNorm2dChecks.Input(input, _features, IsTraining);
        int n = input.Size(0), c = _features, plane = input.Size(2) * input.Size(3);
        int count = n * plane;
        Tensor output = Buffers.Like(ref _output, input);
        float[] x = input.Data, y = output.Data, gamma = _weight.Value.Data, beta = _bias.Value.Data;
        for (int ch = 0; ch < c; ch++)
        {
            float mean, invStd;
            if (IsTraining)
            {
                double sum = 0;
                for (int s = 0; s < n; s++)
                {
                    int o = (s * c + ch) * plane;
                    for (int t = 0; t < plane; t++) sum += x[o + t];
                }
                double mu = sum / count;
                double squares = 0;
                for (int s = 0; s < n; s++)
                {
                    int o = (s * c + ch) * plane;
                    for (int t = 0; t < plane; t++)
                    {
                        double d = x[o + t] - mu;
                        squares += d * d;
                    }
                }
                mean = (float)mu;
                invStd = (float)(1.0 / Math.Sqrt(squares / count + _eps));
                _runningMean.Data[ch] = (float)((1 - _momentum) * _runningMean.Data[ch] + _momentum * mu);
                _runningVar.Data[ch] = (float)((1 - _momentum) * _runningVar.Data[ch] + _momentum * (squares / (count - 1)));
            }
            else
            {
                mean = _runningMean.Data[ch];
                invStd = (float)(1.0 / Math.Sqrt(_runningVar.Data[ch] + _eps));
            }
            _mean[ch] = mean;
            _invStd[ch] = invStd;
            float scale = invStd * gamma[ch];
            for (int s = 0; s < n; s++)
            {
                int o = (s * c + ch) * plane;
                VectorDriver.Map<float, float, Normalize>(new Normalize(mean, scale, beta[ch]), x.AsSpan(o, plane), y.AsSpan(o, plane));
            }
        }
        if (IsTraining)
        {
            _numBatchesTracked.Data[0] += 1;
        }
        _trainedForward = IsTraining;
        _input = input;
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor input = _input ?? throw new InvalidOperationException("BatchNorm2d: Backward called before Forward.");
        Shapes.RequireSame(gradOutput, input, nameof(gradOutput), "BatchNorm2d backward");
        int n = input.Size(0), c = _features, plane = input.Size(2) * input.Size(3);
        int count = n * plane;
        Tensor gradInput = Buffers.Like(ref _gradInput, input);
        float[] x = input.Data, g = gradOutput.Data, gx = gradInput.Data, gamma = _weight.Value.Data;
        for (int ch = 0; ch < c; ch++)
        {
            float mean = _mean[ch], invStd = _invStd[ch];
            double sumG = 0, sumGXhat = 0;
            for (int s = 0; s < n; s++)
            {
                int o = (s * c + ch) * plane;
                for (int t = 0; t < plane; t++)
                {
                    sumG += g[o + t];
                    sumGXhat += g[o + t] * (double)((x[o + t] - mean) * invStd);
                }
            }
            _weight.Grad.Data[ch] += (float)sumGXhat;
            _bias.Grad.Data[ch] += (float)sumG;
            float scale = gamma[ch] * invStd;
            float meanG = _trainedForward ? (float)(sumG / count) : 0f;
            float meanGXhat = _trainedForward ? (float)(sumGXhat / count) : 0f;
            for (int s = 0; s < n; s++)
            {
                int o = (s * c + ch) * plane;
                if (!_trainedForward)
                {
                    // Eval: the statistics are constants, ∂x = g·γ/σ.
                    TensorPrimitives.Multiply(g.AsSpan(o, plane), scale, gx.AsSpan(o, plane));
                    continue;
                }
                VectorDriver.Zip(new NormalizeGradient(mean, invStd, meanG, meanGXhat, scale), x.AsSpan(o, plane), g.AsSpan(o, plane),
                    gx.AsSpan(o, plane));
            }
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters()
    {
        yield return new NamedParameter("weight", _weight);
        yield return new NamedParameter("bias", _bias);
    }

    /// <inheritdoc/>
    public IEnumerable<NamedBuffer> NamedBuffers()
    {
        yield return new NamedBuffer("running_mean", _runningMean);
        yield return new NamedBuffer("running_var", _runningVar);
        yield return new NamedBuffer("num_batches_tracked", _numBatchesTracked);
    }
}
