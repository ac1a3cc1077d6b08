using Verification.Core;

namespace Verification.Laws;

/// <summary>Laws of the optimizers, as check functions over optimizer factories; each throws a <see cref="LawViolation"/>.</summary>
public static class OptimizerLaws
{
    /// <summary>The law <see cref="CheckAdamFirstStep"/> checks.</summary>
    public const string AdamFirstStep = "Adam's first step moves each weight by about lr against its gradient";

    /// <summary>The law <see cref="CheckZeroGradientOnlyDecays"/> checks.</summary>
    public const string ZeroGradientOnlyDecays = "AdamW with a zero gradient shrinks every weight by exactly 1 − lr·λ";

    /// <summary>
    /// After one step m̂ = g and v̂ = g², so Δw = −lr·g/(|g| + ε): magnitude at most lr (with float rounding, lr·(1 + 1e-5)),
    /// at least lr·(1 − 1e-3) when |g| ≥ 1e-5 ≫ ε, and always against the gradient. Δw is measured on float weights, so
    /// both bounds widen by one ulp of w (the rounding of w + Δw; for lr = 1e-4 and |w| ≈ 2 that is 2e-3·lr).
    /// </summary>
    public static void CheckAdamFirstStep(Func<Parameter[], IOptimizer> create, Parameter[] parameters, double lr, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(parameters);
        Tensor[] before = parameters.Select(p => p.Value.Clone()).ToArray();
        create(parameters).Step();
        for (int p = 0; p < parameters.Length; p++)
        {
            var counterexample = new Counterexample(before[p].Shape, Seed: seed, Detail: $"lr {lr}, parameter {p}");
            for (int i = 0; i < before[p].Length; i++)
            {
                double delta = (double)parameters[p].Value[i] - before[p][i];
                double g = parameters[p].Grad[i];
                float larger = MathF.Max(MathF.Abs(before[p][i]), MathF.Abs(parameters[p].Value[i]));
                double ulp = (double)MathF.BitIncrement(larger) - larger;
                string found = $"g = {g:R}, Δw = {delta:R}";
                if (!(Math.Abs(delta) <= lr * (1 + 1e-5) + ulp))
                {
                    throw new LawViolation(AdamFirstStep, counterexample.At(i), $"|Δw| ≤ lr = {lr}", found);
                }
                if (Math.Abs(g) >= 1e-5 && !(Math.Abs(delta) >= lr * (1 - 1e-3) - ulp))
                {
                    throw new LawViolation(AdamFirstStep, counterexample.At(i), $"|Δw| ≈ lr = {lr} where |g| ≥ 1e-5", found);
                }
                if (g != 0 && Math.Sign(delta) == Math.Sign(g))
                {
                    throw new LawViolation(AdamFirstStep, counterexample.At(i), "Δw against the gradient", found);
                }
            }
        }
    }

    /// <summary>With g = 0 the moments stay 0 and the update is 0/ε = 0, so only the decay acts: w ← w·(1 − lr·λ), bit for bit.</summary>
    public static void CheckZeroGradientOnlyDecays(Func<Parameter[], double, double, IOptimizer> create, Parameter[] parameters,
        double lr, double weightDecay, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(parameters);
        foreach (Parameter p in parameters) p.ZeroGrad();
        Tensor[] before = parameters.Select(p => p.Value.Clone()).ToArray();
        create(parameters, lr, weightDecay).Step();
        float factor = (float)(1 - lr * weightDecay);
        for (int p = 0; p < parameters.Length; p++)
        {
            float[] expected = before[p].Data.Select(w => w * factor).ToArray();
            Bits.Equal(expected, parameters[p].Value.Data, ZeroGradientOnlyDecays,
                new Counterexample(before[p].Shape, Seed: seed, Detail: $"lr {lr}, λ {weightDecay}, parameter {p}"), "w·(1 − lr·λ)");
        }
    }
}
