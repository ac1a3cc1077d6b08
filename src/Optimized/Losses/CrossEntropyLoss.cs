using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary>
/// <c>nn.CrossEntropyLoss()</c>: <c>L = mean over n of (log Σⱼ e^{x[n,j]} − x[n, t[n]])</c>, <c>x: (N, C)</c> logits, <c>t: (N)</c>
/// class indices stored as floats; <c>∂L/∂x = (softmax(x) − onehot(t))/N</c>. The log-sum-exp subtracts the row maximum.
/// </summary>
public sealed class CrossEntropyLoss : ILoss
{
    private Tensor? _input, _target, _grad;

    /// <inheritdoc/>
    public float Forward(Tensor prediction, Tensor target)
    {
        LossChecks.ClassIndices(prediction, target);
        int n = prediction.Size(0), c = prediction.Size(1);
        float[] x = prediction.Data, t = target.Data;
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            int o = r * c;
            float max = x[o];
            for (int j = 1; j < c; j++) max = Math.Max(max, x[o + j]);
            double sum = 0;
            for (int j = 0; j < c; j++) sum += Math.Exp(x[o + j] - max);
            total += Math.Log(sum) + max - x[o + (int)t[r]];
        }
        _input = prediction;
        _target = target;
        return (float)(total / n);
    }

    /// <inheritdoc/>
    public Tensor Backward()
    {
        Tensor input = BackwardChecks.Saved(_input, "CrossEntropyLoss");
        Tensor grad = Buffers.Like(ref _grad, input);
        int n = input.Size(0), c = input.Size(1);
        float[] x = input.Data, t = _target!.Data, g = grad.Data;
        for (int r = 0; r < n; r++)
        {
            int o = r * c;
            float max = x[o];
            for (int j = 1; j < c; j++) max = Math.Max(max, x[o + j]);
            double sum = 0;
            for (int j = 0; j < c; j++) sum += Math.Exp(x[o + j] - max);
            int label = (int)t[r];
            for (int j = 0; j < c; j++)
            {
                double softmax = Math.Exp(x[o + j] - max) / sum;
                g[o + j] = (float)((softmax - (j == label ? 1 : 0)) / n);
            }
        }
        return grad;
    }
}
