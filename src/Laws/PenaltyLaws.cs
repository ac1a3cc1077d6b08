using Verification.Core;

namespace Verification.Laws;

/// <summary>Computes an explicit penalty λ·R(θ) of a model (the learner's or the project's).</summary>
public delegate float PenaltyValue(IModule model, double lambda);

/// <summary>Adds the penalty's gradient ∂(λ·R)/∂θ into the model's parameter gradients.</summary>
public delegate void PenaltyGradient(IModule model, double lambda);

/// <summary>
/// Laws of the explicit L2 penalty of 002_91f9a1e79ea80b56.txt ("L1 and L2 Regularisation"): <c>P = λ·Σ w²</c> over the
/// weights — the parameters whose name ends in "weight" — with biases left alone, and gradient <c>2λ·w</c>.
/// </summary>
public static class PenaltyLaws
{
    /// <summary>The law <see cref="CheckL2CoversWeightsOnly"/> checks.</summary>
    public const string L2CoversWeightsOnly = "the L2 penalty is λ·Σ w² over the weights and leaves the biases alone";

    /// <summary>The law <see cref="CheckL2GradientIsItsDerivative"/> checks.</summary>
    public const string L2GradientIsItsDerivative = "the L2 penalty adds 2λ·w into each weight's gradient, and nothing into a bias's";

    /// <summary>
    /// The value equals <c>λ·Σ w²</c> over the parameters named "…weight", summed in double (relative 1e-5 for float
    /// accumulation). A penalty over every parameter is off by <c>λ·Σ b²</c>, which the caller makes non-zero.
    /// </summary>
    public static void CheckL2CoversWeightsOnly(PenaltyValue value, IModule model, double lambda, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(model);
        double expected = 0, biases = 0;
        foreach (NamedParameter p in model.NamedParameters())
        {
            double squares = p.Parameter.Value.Data.Sum(w => (double)w * w);
            if (p.Name.EndsWith("weight", StringComparison.Ordinal)) expected += squares; else biases += squares;
        }
        expected *= lambda;
        float actual = value(model, lambda);
        var counterexample = new Counterexample([model.Parameters().Sum(p => p.Value.Length)], Seed: seed, Detail: $"λ {lambda}");
        if (!(Math.Abs(actual - expected) <= 1e-5 * Math.Abs(expected) + 1e-7))
        {
            string hint = Math.Abs(actual - (expected + lambda * biases)) <= 1e-5 * Math.Abs(expected + lambda * biases)
                ? " (that is λ·Σ over the biases too)" : "";
            throw new LawViolation(L2CoversWeightsOnly, counterexample, $"λ·Σ w² over the weights = {expected:G7}", $"{actual:G7}{hint}");
        }
    }

    /// <summary>
    /// With every gradient preset to 1, adding the penalty's gradient leaves <c>1 + 2λ·w</c> in each weight's gradient and 1
    /// in each bias's (relative 1e-6): the gradient adds into what backward left, as PyTorch accumulates.
    /// </summary>
    public static void CheckL2GradientIsItsDerivative(PenaltyGradient gradient, IModule model, double lambda, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(model);
        NamedParameter[] parameters = model.NamedParameters().ToArray();
        foreach (NamedParameter p in parameters) Array.Fill(p.Parameter.Grad.Data, 1f);
        gradient(model, lambda);
        foreach (NamedParameter p in parameters)
        {
            bool weight = p.Name.EndsWith("weight", StringComparison.Ordinal);
            float[] expected = p.Parameter.Value.Data.Select(w => weight ? (float)(1 + 2 * lambda * w) : 1f).ToArray();
            Near.Equal(expected, p.Parameter.Grad.Data, 1e-6, 1e-7, L2GradientIsItsDerivative,
                new Counterexample(p.Parameter.Value.Shape, Seed: seed, Detail: $"λ {lambda}, {p.Name}, gradients preset to 1"),
                weight ? $"{p.Name}.grad = 1 + 2λ·w" : $"{p.Name}.grad = 1 (biases are not penalised)");
        }
    }
}
