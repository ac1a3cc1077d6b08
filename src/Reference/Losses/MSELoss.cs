using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Reference;

/// <summary>
/// <c>nn.MSELoss()</c> (mean): <c>L = Σᵢ (xᵢ − tᵢ)² / n</c> over all n elements, any shape (x and t alike).
/// Backward: <c>∂L/∂x = 2·(x − t)/n</c>.
/// </summary>
public sealed class MSELoss : ILoss
{
    private Tensor? _prediction;
    private Tensor? _target;

    /// <inheritdoc/>
    public float Forward(Tensor prediction, Tensor target)
    {
        LossChecks.SameNonEmpty(prediction, target, "MSELoss");
        float sum = 0f;
        for (int i = 0; i < prediction.Length; i++)
        {
            float d = prediction.Data[i] - target.Data[i];
            sum += d * d;
        }
        _prediction = prediction;
        _target = target;
        return sum / prediction.Length;
    }

    /// <summary><c>∂L/∂x = 2/n · (x − t)</c>.</summary>
    public Tensor Backward()
    {
        Tensor x = BackwardChecks.Saved(_prediction, "MSELoss");
        Tensor t = _target!;
        var grad = new Tensor(x.Shape);
        float scale = 2f / x.Length;
        for (int i = 0; i < x.Length; i++)
        {
            grad.Data[i] = scale * (x.Data[i] - t.Data[i]);
        }
        return grad;
    }
}
