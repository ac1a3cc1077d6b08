using Verification.Core.Checks;

namespace Verification.Core.Penalties;

/// <summary>
/// The explicit L1 penalty of the regularisation document: <c>P = λ·Σ |w|</c> over every weight matrix (biases skipped);
/// gradient <c>∂P/∂w = λ·sign(w)</c> with sign(0) = 0, as the gradient of <c>torch.abs</c>.
/// </summary>
public sealed class L1Penalty
{
    /// <summary>A penalty of strength <paramref name="lambda"/> ≥ 0.</summary>
    public L1Penalty(double lambda)
    {
        PenaltyChecks.Lambda(lambda, nameof(lambda));
        Lambda = lambda;
    }

    /// <summary>λ.</summary>
    public double Lambda { get; }

    /// <summary><c>λ·Σ |w|</c>.</summary>
    public float Value(IModule model)
    {
        float sum = 0f;
        foreach (Parameter weight in PenalisedWeights.Of(model))
        {
            float[] w = weight.Value.Data;
            for (int i = 0; i < w.Length; i++) sum += MathF.Abs(w[i]);
        }
        return (float)Lambda * sum;
    }

    /// <summary>Adds <c>λ·sign(w)</c> into each weight's gradient (0 where w = 0).</summary>
    public void AddGradient(IModule model)
    {
        float lambda = (float)Lambda;
        foreach (Parameter weight in PenalisedWeights.Of(model))
        {
            float[] w = weight.Value.Data, g = weight.Grad.Data;
            for (int i = 0; i < w.Length; i++)
            {
                // sign(w) ∈ {−1, 0, 1}; NaN propagates (MathF.Sign would throw on it).
                float sign = w[i] > 0f ? 1f : w[i] < 0f ? -1f : float.IsNaN(w[i]) ? float.NaN : 0f;
                g[i] += lambda * sign;
            }
        }
    }
}
