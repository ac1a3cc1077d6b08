using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Reference;

/// <summary>
/// <c>nn.BCEWithLogitsLoss()</c> (mean) on logits x and targets t in [0, 1], any shape:
/// <c>ℓ = max(x, 0) − x·t + log(1 + e^(−|x|))</c>, the stable form of <c>−t·log σ(x) − (1 − t)·log(1 − σ(x))</c>
/// (finite for logits of ±100). Backward: <c>∂L/∂x = (σ(x) − t)/n</c>.
/// </summary>
public sealed class BCEWithLogitsLoss : ILoss
{
    private Tensor? _prediction;
    private Tensor? _target;

    /// <inheritdoc/>
    public float Forward(Tensor prediction, Tensor target)
    {
        LossChecks.SameNonEmpty(prediction, target, "BCEWithLogitsLoss");
        float sum = 0f;
        for (int i = 0; i < prediction.Length; i++)
        {
            float x = prediction.Data[i], t = target.Data[i];
            // ℓ = max(x, 0) − x·t + log(1 + e^(−|x|)); e^(−|x|) ≤ 1, so nothing overflows.
            sum += MathF.Max(x, 0f) - x * t + float.LogP1(MathF.Exp(-MathF.Abs(x)));
        }
        _prediction = prediction;
        _target = target;
        return sum / prediction.Length;
    }

    /// <summary><c>∂L/∂x = (σ(x) − t) · (1/n)</c>.</summary>
    public Tensor Backward()
    {
        Tensor x = BackwardChecks.Saved(_prediction, "BCEWithLogitsLoss");
        Tensor t = _target!;
        var grad = new Tensor(x.Shape);
        float inverseCount = 1f / x.Length;
        for (int i = 0; i < x.Length; i++)
        {
            // σ(x) = 1/(1 + e^(−x)) saturates cleanly: e^(100) = ∞ gives 0, e^(−100) = 0 gives 1.
            float sigmoid = 1f / (1f + MathF.Exp(-x.Data[i]));
            grad.Data[i] = (sigmoid - t.Data[i]) * inverseCount;
        }
        return grad;
    }
}
