using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary>
/// <c>nn.BatchNorm1d(C, eps=1e-5, momentum=0.1)</c>: <c>y = (x − μ)/√(σ² + ε)·γ + β</c> per channel, <c>x: (N, C)</c> or <c>(N, C, L)</c>.
/// Training: μ, σ² are the batch mean and biased variance over N (and L); the running statistics move by
/// <c>r ← (1 − momentum)·r + momentum·s</c> with the UNBIASED variance; <c>num_batches_tracked</c> counts steps.
/// Eval: the running statistics. Backward (training):
/// <c>∂x = γ/√(σ² + ε)·(g − mean(g) − x̂·mean(g·x̂))</c>, <c>∂γ += Σ g·x̂</c>, <c>∂β += Σ g</c>.
/// Statistics and channel sums accumulate in double, as ATen's CPU kernel does (its accumulation type for float), in the
/// Reference's order (the cross-checks pin them bit for bit). The element-wise passes are fused per (sample, channel)
/// span of L values (<see cref="Normalize"/>, <see cref="NormalizeGradient"/>), or on (N, C) run across a row's channels
/// on TensorPrimitives with the same roundings.
/// </summary>
public sealed class BatchNorm1d : IModule
{
    private readonly int _features;
    private readonly double _eps, _momentum;
    private readonly Parameter _weight, _bias;
    private readonly Tensor _runningMean, _runningVar, _numBatchesTracked;
    private readonly float[] _mean, _invStd, _scale, _meanG, _meanGXhat, _row;
    private Tensor? _input, _output, _gradInput;
    private bool _trainedForward;

    /// <summary>γ = 1, β = 0, running mean 0, running variance 1.</summary>
    public BatchNorm1d(int numFeatures, double eps = 1e-5, double momentum = 0.1)
    {
        BatchNormChecks.Arguments(numFeatures, eps, momentum);
        _features = numFeatures;
        _eps = eps;
        _momentum = momentum;
        _weight = new Parameter(Tensor.Ones(numFeatures));
        _bias = new Parameter(Tensor.Zeros(numFeatures));
        _runningMean = Tensor.Zeros(numFeatures);
        _runningVar = Tensor.Ones(numFeatures);
        _numBatchesTracked = new Tensor([0f], []);
        _mean = new float[numFeatures];
        _invStd = new float[numFeatures];
        _scale = new float[numFeatures];
        _meanG = new float[numFeatures];
        _meanGXhat = new float[numFeatures];
        _row = new float[numFeatures];
    }

    /// <summary>C.</summary>
    public int NumFeatures => _features;

    /// <summary>ε added to the variance.</summary>
    public double Eps => _eps;

    /// <summary>m: the weight of the newest batch in the running statistics (PyTorch's convention, not Keras's 1 − m).</summary>
    public double Momentum => _momentum;

    /// <summary>γ: (C).</summary>
    public Parameter Weight => _weight;

    /// <summary>β: (C).</summary>
    public Parameter Bias => _bias;

    /// <summary>Running mean: (C).</summary>
    public Tensor RunningMean => _runningMean;

    /// <summary>Running (unbiased) variance: (C).</summary>
    public Tensor RunningVar => _runningVar;

    /// <summary>Number of training batches seen, as a scalar (shape []) float tensor.</summary>
    public Tensor NumBatchesTracked => _numBatchesTracked;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        BatchNormChecks.Input(input, _features, IsTraining);
        int n = input.Size(0), c = _features, l = input.Rank == 3 ? input.Size(2) : 1;
        int count = n * l;
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
                    int o = (s * c + ch) * l;
                    for (int t = 0; t < l; t++) sum += x[o + t];
                }
                double mu = sum / count;
                double squares = 0;
                for (int s = 0; s < n; s++)
                {
                    int o = (s * c + ch) * l;
                    for (int t = 0; t < l; t++)
                    {
                        double d = x[o + t] - mu;
                        squares += d * d;
                    }
                }
                double biasedVar = squares / count;
                double unbiasedVar = squares / (count - 1);
                mean = (float)mu;
                invStd = (float)(1.0 / Math.Sqrt(biasedVar + _eps));
                _runningMean.Data[ch] = (float)((1 - _momentum) * _runningMean.Data[ch] + _momentum * mu);
                _runningVar.Data[ch] = (float)((1 - _momentum) * _runningVar.Data[ch] + _momentum * unbiasedVar);
            }
            else
            {
                mean = _runningMean.Data[ch];
                invStd = (float)(1.0 / Math.Sqrt(_runningVar.Data[ch] + _eps));
            }
            _mean[ch] = mean;
            _invStd[ch] = invStd;
            _scale[ch] = invStd * gamma[ch];
            for (int s = 0; l > 1 && s < n; s++)
            {
                int o = (s * c + ch) * l;
                VectorDriver.Map<float, float, Normalize>(new Normalize(mean, _scale[ch], beta[ch]), x.AsSpan(o, l), y.AsSpan(o, l));
            }
        }
        for (int s = 0; l == 1 && s < n; s++)
        {
            // (N, C): one row holds every channel once, so the same three roundings run across channels.
            Span<float> row = y.AsSpan(s * c, c);
            TensorPrimitives.Subtract(x.AsSpan(s * c, c), _mean, row);
            TensorPrimitives.Multiply(row, _scale, row);
            TensorPrimitives.Add(row, beta, row);
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
        Tensor input = BackwardChecks.Saved(_input, "BatchNorm1d");
        BackwardChecks.GradOutput(gradOutput, input, "BatchNorm1d");
        int n = input.Size(0), c = _features, l = input.Rank == 3 ? input.Size(2) : 1;
        int count = n * l;
        Tensor gradInput = Buffers.Like(ref _gradInput, input);
        float[] x = input.Data, g = gradOutput.Data, gx = gradInput.Data, gamma = _weight.Value.Data;
        for (int ch = 0; ch < c; ch++)
        {
            float mean = _mean[ch], invStd = _invStd[ch];
            double sumG = 0, sumGXhat = 0;
            for (int s = 0; s < n; s++)
            {
                int o = (s * c + ch) * l;
                for (int t = 0; t < l; t++)
                {
                    sumG += g[o + t];
                    sumGXhat += g[o + t] * (double)((x[o + t] - mean) * invStd);
                }
            }
            _weight.Grad.Data[ch] += (float)sumGXhat;
            _bias.Grad.Data[ch] += (float)sumG;
            float scale = gamma[ch] * invStd;
            _scale[ch] = scale;
            _meanG[ch] = _trainedForward ? (float)(sumG / count) : 0f;
            _meanGXhat[ch] = _trainedForward ? (float)(sumGXhat / count) : 0f;
            for (int s = 0; l > 1 && s < n; s++)
            {
                int o = (s * c + ch) * l;
                if (_trainedForward)
                {
                    VectorDriver.Zip(new NormalizeGradient(mean, invStd, _meanG[ch], _meanGXhat[ch], scale), x.AsSpan(o, l), g.AsSpan(o, l),
                        gx.AsSpan(o, l));
                }
                else
                {
                    TensorPrimitives.Multiply(g.AsSpan(o, l), scale, gx.AsSpan(o, l));
                }
            }
        }
        for (int s = 0; l == 1 && s < n; s++)
        {
            RowGradient(x.AsSpan(s * c, c), g.AsSpan(s * c, c), gx.AsSpan(s * c, c));
        }
        return gradInput;
    }

    /// <summary>
    /// One (N, C) row of ∂x across channels, the roundings of <see cref="NormalizeGradient"/>:
    /// <c>(g − mean(g) − ((x − μ)·(1/σ))·mean(g·x̂))·(γ/σ)</c>; in eval <c>g·(γ/σ)</c>.
    /// </summary>
    private void RowGradient(ReadOnlySpan<float> x, ReadOnlySpan<float> g, Span<float> gx)
    {
        if (!_trainedForward)
        {
            TensorPrimitives.Multiply(g, _scale, gx);
            return;
        }
        TensorPrimitives.Subtract(x, _mean, _row);
        TensorPrimitives.Multiply(_row, _invStd, _row);
        TensorPrimitives.Multiply(_row, _meanGXhat, _row);
        TensorPrimitives.Subtract(g, _meanG, gx);
        TensorPrimitives.Subtract(gx, _row, gx);
        TensorPrimitives.Multiply(gx, _scale, gx);
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
