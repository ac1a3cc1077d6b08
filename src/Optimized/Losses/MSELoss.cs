using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary><c>nn.MSELoss()</c>: <c>L = mean((p − t)²)</c>; <c>∂L/∂p = 2(p − t)/n</c>. Prediction and target of the same shape.</summary>
public sealed class MSELoss : ILoss
{
    private Tensor? _prediction, _target, _grad;

    /// <inheritdoc/>
    public float Forward(Tensor prediction, Tensor target)
    {
        LossChecks.SameNonEmpty(prediction, target, "MSELoss");
        float[] p = prediction.Data, t = target.Data;
        // Summed in double: a float sum of many squares loses digits the mean should keep.
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double d = p[i] - t[i];
            sum += d * d;
        }
        _prediction = prediction;
        _target = target;
        return (float)(sum / p.Length);
    }

    /// <inheritdoc/>
    public Tensor Backward()
    {
        Tensor prediction = BackwardChecks.Saved(_prediction, "MSELoss");
        Tensor grad = Buffers.Like(ref _grad, prediction);
        float[] p = prediction.Data, t = _target!.Data, g = grad.Data;
        float norm = (float)(2.0 / p.Length);
        // norm·(p − t): two roundings, the same with TensorPrimitives' subtract then multiply.
        TensorPrimitives.Subtract(p, t, g);
        TensorPrimitives.Multiply(g, norm, g);
        return grad;
    }
}
