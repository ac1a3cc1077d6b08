using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Reference;

/// <summary>
/// <c>nn.CrossEntropyLoss()</c> (mean) on logits <c>x: (N, C)</c> and class indices <c>t: (N)</c> stored as floats:
/// <c>L = (1/N)·Σₙ (log Σ_c e^(x[n,c]) − x[n, tₙ])</c>, the log-sum-exp taken with the row maximum subtracted.
/// Backward: <c>∂L/∂x = (softmax(x) − onehot(t))/N</c>.
/// </summary>
public sealed class CrossEntropyLoss : ILoss
{
    // softmax(x) of the latest forward (what backward needs) and the targets as indices.
    private Tensor? _softmax;
    private int[] _classes = [];

    /// <inheritdoc/>
    public float Forward(Tensor prediction, Tensor target)
    {
        LossChecks.ClassIndices(prediction, target);
        int n = prediction.Size(0), c = prediction.Size(1);
        var classes = new int[n];
        for (int row = 0; row < n; row++) classes[row] = (int)target.Data[row];

        float[] x = prediction.Data;
        var softmax = new Tensor(n, c);
        float total = 0f;
        for (int row = 0; row < n; row++)
        {
            // m = max_c x[n, c], so every e^(x − m) ≤ 1.
            float max = float.NegativeInfinity;
            for (int k = 0; k < c; k++) max = MathF.Max(max, x[row * c + k]);
            float sumExp = 0f;
            for (int k = 0; k < c; k++) sumExp += MathF.Exp(x[row * c + k] - max);
            float logSumExp = max + MathF.Log(sumExp);

            // ℓₙ = log Σ e^x − x[n, tₙ]; softmax = e^(x − log Σ e^x)
            total += logSumExp - x[row * c + classes[row]];
            for (int k = 0; k < c; k++) softmax.Data[row * c + k] = MathF.Exp(x[row * c + k] - logSumExp);
        }
        _softmax = softmax;
        _classes = classes;
        return total / n;
    }

    /// <summary><c>∂L/∂x[n, c] = (softmax[n, c] − [c = tₙ]) / N</c>.</summary>
    public Tensor Backward()
    {
        Tensor softmax = BackwardChecks.Saved(_softmax, "CrossEntropyLoss");
        int n = softmax.Size(0), c = softmax.Size(1);
        var grad = new Tensor(n, c);
        float inverseCount = 1f / n;
        for (int row = 0; row < n; row++)
        {
            for (int k = 0; k < c; k++)
            {
                float oneHot = k == _classes[row] ? 1f : 0f;
                grad.Data[row * c + k] = (softmax.Data[row * c + k] - oneHot) * inverseCount;
            }
        }
        return grad;
    }
}
