using System.Numerics;

namespace Verification.Exercises.Key;

public partial class AnswerKey
{
    /// <summary>E[y] = (1−p)·a/(1−p) + p·0 = a: inverted scaling makes the expectation the undropped activation.</summary>
    public virtual double ExpectedInvertedDropoutOutput(double activation, double p) => activation;

    /// <summary>
    /// Chain rule through y = m·relu(z)/(1−p): ∂L/∂z = δ·m/(1−p)·[z &gt; 0]. The mask that chose the forward pass
    /// also chooses which gradients flow back, and the same 1/(1−p) scales them.
    /// </summary>
    public virtual float[] GradientAtPreActivations(float[] preActivations, float[] delta, float[] mask, double p)
    {
        var gradient = new float[delta.Length];
        float scale = (float)(1.0 / (1.0 - p));
        for (int i = 0; i < delta.Length; i++)
        {
            gradient[i] = preActivations[i] > 0 ? delta[i] * mask[i] * scale : 0f;
        }
        return gradient;
    }

    /// <summary>A dropped unit passes no gradient, so its incoming and outgoing weights get none this step.</summary>
    public virtual int[] UnitsWithoutUpdates(float[] mask)
    {
        var dropped = new List<int>();
        for (int i = 0; i < mask.Length; i++)
        {
            if (mask[i] == 0) dropped.Add(i);
        }
        return dropped.ToArray();
    }

    /// <summary>a ⊙ m.</summary>
    public virtual float[] ApplyMask(float[] activations, float[] mask)
    {
        var masked = new float[activations.Length];
        for (int i = 0; i < activations.Length; i++) masked[i] = activations[i] * mask[i];
        return masked;
    }

    /// <summary>a ⊙ m / (1 − p).</summary>
    public virtual float[] InvertedDropout(float[] activations, float[] mask, double p)
    {
        var scaled = new float[activations.Length];
        for (int i = 0; i < activations.Length; i++) scaled[i] = (float)(activations[i] * mask[i] / (1.0 - p));
        return scaled;
    }

    /// <summary>Each unit is on or off independently: 2ⁿ sub-networks.</summary>
    public virtual BigInteger SubNetworkCount(int units) => BigInteger.Pow(2, units);

    /// <summary>Σ over masks m of P(m)·f(m), with P(m) = (1−p)^kept · p^dropped.</summary>
    public virtual double EnsembleAverage(Func<bool[], double> subNetworkOutput, int units, double p)
    {
        double average = 0;
        for (int bits = 0; bits < 1 << units; bits++)
        {
            var kept = new bool[units];
            double probability = 1;
            for (int u = 0; u < units; u++)
            {
                kept[u] = (bits >> u & 1) == 1;
                probability *= kept[u] ? 1 - p : p;
            }
            average += probability * subNetworkOutput(kept);
        }
        return average;
    }

    /// <summary>Training: σ(z)/(1−p) when kept (can exceed 1, so it is no probability) or 0; test: σ(z).</summary>
    public virtual (double TrainingKept, double TrainingDropped, double Test) SigmoidOutputUnderDropout(double logit, double p)
    {
        double sigmoid = 1 / (1 + Math.Exp(-logit));
        return (sigmoid / (1 - p), 0, sigmoid);
    }
}
