using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary>
/// <c>nn.CrossEntropyLoss()</c>: <c>L = mean over n of (log Σⱼ e^{x[n,j]} − x[n, t[n]])</c>, <c>x: (N, C)</c> logits, <c>t: (N)</c>
/// class indices stored as floats; <c>∂L/∂x = (softmax(x) − onehot(t))/N</c>. Softmax and loss are fused: one pass per row
/// computes <c>m = max x</c>, <c>e = exp(x − m)</c> in float32 (TensorPrimitives' Max, Subtract, Exp, Sum, Divide: every
/// width, as ATen's float kernels), <c>softmax = e / Σe</c>, saved for backward, and <c>ℓ = log Σe + m − x[t]</c>, summed
/// over rows in double; backward reads the saved softmax once, so exp runs once per element in all.
/// </summary>
public sealed class CrossEntropyLoss : ILoss
{
    private Tensor? _softmax, _target, _grad;

    /// <inheritdoc/>
    public float Forward(Tensor prediction, Tensor target)
    {
        LossChecks.ClassIndices(prediction, target);
        int n = prediction.Size(0), c = prediction.Size(1);
        Tensor softmax = Buffers.Like(ref _softmax, prediction);
        float[] x = prediction.Data, t = target.Data;
        double total = 0;
        for (int r = 0; r < n; r++)
        {
            ReadOnlySpan<float> row = x.AsSpan(r * c, c);
            Span<float> e = softmax.Data.AsSpan(r * c, c);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, e);
            TensorPrimitives.Exp(e, e);
            float sum = TensorPrimitives.Sum(e);
            TensorPrimitives.Divide(e, sum, e);
            total += Math.Log(sum) + max - row[(int)t[r]];
        }
        _target = target;
        return (float)(total / n);
    }

    /// <inheritdoc/>
    public Tensor Backward()
    {
        Tensor softmax = BackwardChecks.Saved(_softmax, "CrossEntropyLoss");
        Tensor grad = Buffers.Like(ref _grad, softmax);
        int n = softmax.Size(0), c = softmax.Size(1);
        float[] s = softmax.Data, t = _target!.Data, g = grad.Data;
        // (softmax − onehot)·(1/N) with the Reference's roundings: s·(1/N) off the target, (s − 1)·(1/N) on it.
        float inverseCount = 1f / n;
        TensorPrimitives.Multiply(s, inverseCount, g);
        for (int r = 0; r < n; r++)
        {
            int k = r * c + (int)t[r];
            g[k] = (s[k] - 1f) * inverseCount;
        }
        return grad;
    }
}
