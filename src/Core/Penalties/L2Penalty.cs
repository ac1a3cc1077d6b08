using Verification.Core.Checks;

namespace Verification.Core.Penalties;

/// <summary>
/// The explicit L2 penalty of the regularisation document: <c>P = λ·Σ w²</c> over every weight matrix (biases skipped);
/// gradient <c>∂P/∂w = 2λ·w</c>. (SGD's weight_decay λ′ corresponds to λ = λ′/2.)
/// </summary>
public sealed class L2Penalty
{
    /// <summary>A penalty of strength <paramref name="lambda"/> ≥ 0.</summary>
    public L2Penalty(double lambda)
    {
        PenaltyChecks.Lambda(lambda, nameof(lambda));
        Lambda = lambda;
    }

    /// <summary>λ.</summary>
    public double Lambda { get; }

    /// <summary><c>λ·Σ w²</c>.</summary>
    public float Value(IModule model)
    {
        float sum = 0f;
        foreach (Parameter weight in PenalisedWeights.Of(model))
        {
            float[] w = weight.Value.Data;
            for (int i = 0; i < w.Length; i++) sum += w[i] * w[i];
        }
        return (float)Lambda * sum;
    }

    /// <summary>Adds <c>2λ·w</c> into each weight's gradient.</summary>
    public void AddGradient(IModule model)
    {
        float twoLambda = (float)(2 * Lambda);
        foreach (Parameter weight in PenalisedWeights.Of(model))
        {
            float[] w = weight.Value.Data, g = weight.Grad.Data;
            for (int i = 0; i < w.Length; i++) g[i] += twoLambda * w[i];
        }
    }
}
