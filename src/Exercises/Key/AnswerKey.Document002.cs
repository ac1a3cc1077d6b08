namespace Verification.Exercises.Key;

public partial class AnswerKey
{
    /// <summary>E[y²] = (1−p)·x²/(1−p)² = x²/(1−p), so Var[y] = x²/(1−p) − x² = x²·p/(1−p).</summary>
    public virtual double InvertedDropoutVariance(double x, double p) => x * x * p / (1 - p);

    /// <summary>L1 pulls with a constant λ whatever the weight's size; L2 with 2λ|w|, fading as w shrinks.</summary>
    public virtual (double L1, double L2) PenaltyPull(double weight, double lambda) => (lambda, 2 * lambda * Math.Abs(weight));
}
