using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary>
/// <c>nn.BCEWithLogitsLoss()</c>: <c>L = mean((1 − t)·x − log σ(x))</c> with <c>log σ(x) = min(x, 0) − log(1 + e^−|x|)</c>,
/// stable for logits of ±100; <c>∂L/∂x = (σ(x) − t)/n</c>. Logits and targets of the same shape.
/// </summary>
public sealed class BCEWithLogitsLoss : ILoss
{
    private Tensor? _input, _target, _grad;

    /// <inheritdoc/>
    public float Forward(Tensor prediction, Tensor target)
    {
        LossChecks.SameNonEmpty(prediction, target, "BCEWithLogitsLoss");
        float[] x = prediction.Data, t = target.Data;
        double sum = 0;
        for (int i = 0; i < x.Length; i++)
        {
            double xi = x[i];
            double logSigmoid = Math.Min(xi, 0) - Math.Log(1 + Math.Exp(-Math.Abs(xi)));
            sum += (1 - t[i]) * xi - logSigmoid;
        }
        _input = prediction;
        _target = target;
        return (float)(sum / x.Length);
    }

    /// <inheritdoc/>
    public Tensor Backward()
    {
        Tensor input = BackwardChecks.Saved(_input, "BCEWithLogitsLoss");
        Tensor grad = Buffers.Like(ref _grad, input);
        float[] x = input.Data, t = _target!.Data, g = grad.Data;
        double n = x.Length;
        for (int i = 0; i < x.Length; i++)
        {
            double sigmoid = 1.0 / (1.0 + Math.Exp(-(double)x[i]));
            g[i] = (float)((sigmoid - t[i]) / n);
        }
        return grad;
    }
}
