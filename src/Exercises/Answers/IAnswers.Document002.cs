namespace Verification.Exercises;

/// <summary>Questions from 002_91f9a1e79ea80b56.txt (L1/L2 from first principles; dropout internals).</summary>
public partial interface IAnswers
{
    /// <summary>002.1 — The variance of one inverted-dropout output y = m·x/(1−p), m ~ Bernoulli(1−p), for a fixed x.</summary>
    double InvertedDropoutVariance(double x, double p);

    /// <summary>
    /// 002.2 — The size of the penalty's pull on one weight w: |∂/∂w| of λ·|w| (L1) and of λ·w² (L2), for w ≠ 0.
    /// </summary>
    (double L1, double L2) PenaltyPull(double weight, double lambda);
}
