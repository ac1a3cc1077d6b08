using FsCheck.Xunit;
using Verification.Core;
using Verification.Properties.Support;
using Verification.Reference;
using Xunit;
using Xunit.Sdk;

namespace Verification.Properties.Optimizers;

/// <summary>Laws of SGD, Adam and AdamW that hold for every parameter set and gradient.</summary>
public class OptimizerLawTests
{
    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(OptimizerArbitraries)])]
    public void SGD_with_learning_rate_zero_changes_no_weight(OptimizerCase c)
    {
        Parameter[] parameters = c.Parameters();
        Tensor[] before = parameters.Select(p => p.Value.Clone()).ToArray();
        var sgd = new SGD(parameters, lr: 0, momentum: 0.9, weightDecay: c.WeightDecay, nesterov: true);
        for (int step = 0; step < 3; step++) sgd.Step();
        for (int p = 0; p < parameters.Length; p++) Compare.Exact(before[p].Data, parameters[p].Value.Data, $"{c} parameter {p}");
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(OptimizerArbitraries)])]
    public void Plain_SGD_moves_each_weight_by_minus_lr_times_its_gradient(OptimizerCase c)
    {
        Parameter[] parameters = c.Parameters();
        Tensor[] before = parameters.Select(p => p.Value.Clone()).ToArray();
        new SGD(parameters, c.LearningRate).Step();
        for (int p = 0; p < parameters.Length; p++)
        {
            var expected = new float[before[p].Length];
            for (int i = 0; i < expected.Length; i++) expected[i] = (float)(before[p][i] - c.LearningRate * parameters[p].Grad[i]);
            Compare.Close(expected, parameters[p].Value.Data, 1e-6, 1e-7, $"{c} parameter {p}");
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(OptimizerArbitraries)])]
    public void Adam_first_step_moves_each_weight_by_about_lr_against_its_gradient(OptimizerCase c) =>
        AdamLaws.FirstStepIsLrTimesSign(c, ps => new Adam(ps, c.LearningRate));

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(OptimizerArbitraries)])]
    public void AdamW_with_zero_gradient_shrinks_every_weight_by_exactly_one_minus_lr_times_weight_decay(OptimizerCase c) =>
        AdamLaws.ZeroGradientOnlyDecays(c, (ps, lr, wd) => new AdamW(ps, lr, weightDecay: wd));

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(OptimizerArbitraries)])]
    public void AdamW_with_zero_weight_decay_steps_exactly_like_Adam(OptimizerCase c)
    {
        Parameter[] a = c.Parameters(), b = c.Parameters();
        var adam = new Adam(a, c.LearningRate);
        var adamW = new AdamW(b, c.LearningRate, weightDecay: 0);
        for (int step = 0; step < 3; step++) { adam.Step(); adamW.Step(); }
        for (int p = 0; p < a.Length; p++) Compare.Exact(a[p].Value.Data, b[p].Value.Data, $"{c} parameter {p}");
        Assert.Equal(3, adamW.StepCount);
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(OptimizerArbitraries)])]
    public void ZeroGrad_clears_every_gradient(OptimizerCase c)
    {
        Parameter[] parameters = c.Parameters();
        new Adam(parameters).ZeroGrad();
        Assert.All(parameters, p => Assert.All(p.Grad.Data, v => Assert.Equal(0f, v)));
    }
}

/// <summary>Adam laws as reusable checks, so the broken-implementation tests can show each one fails.</summary>
public static class AdamLaws
{
    /// <summary>
    /// After one step m̂ = g and v̂ = g², so Δw = −lr·g/(|g| + ε): magnitude at most lr (with float rounding, lr·(1 + 1e-5)),
    /// at least lr·(1 − 1e-3) when |g| ≥ 1e-5 ≫ ε, and always against the gradient. Δw is measured on float weights, so
    /// both bounds widen by one ulp of w (the rounding of w + Δw; for lr = 1e-4 and |w| ≈ 2 that is 2e-3·lr).
    /// </summary>
    public static void FirstStepIsLrTimesSign(OptimizerCase c, Func<Parameter[], IOptimizer> create)
    {
        Parameter[] parameters = c.Parameters();
        Tensor[] before = parameters.Select(p => p.Value.Clone()).ToArray();
        create(parameters).Step();
        for (int p = 0; p < parameters.Length; p++)
        {
            for (int i = 0; i < before[p].Length; i++)
            {
                double delta = (double)parameters[p].Value[i] - before[p][i];
                double g = parameters[p].Grad[i];
                float larger = MathF.Max(MathF.Abs(before[p][i]), MathF.Abs(parameters[p].Value[i]));
                double ulp = (double)MathF.BitIncrement(larger) - larger;
                string where = $"{c} parameter {p} index {i}: g = {g:R}, Δw = {delta:R}";
                if (!(Math.Abs(delta) <= c.LearningRate * (1 + 1e-5) + ulp)) throw new XunitException($"{where} exceeds lr");
                if (Math.Abs(g) >= 1e-5 && !(Math.Abs(delta) >= c.LearningRate * (1 - 1e-3) - ulp)) throw new XunitException($"{where} is not ≈ lr");
                if (g != 0 && Math.Sign(delta) == Math.Sign(g)) throw new XunitException($"{where} moves with the gradient");
            }
        }
    }

    /// <summary>With g = 0 the moments stay 0 and the update is 0/ε = 0, so only the decay acts: w ← w·(1 − lr·λ), bit for bit.</summary>
    public static void ZeroGradientOnlyDecays(OptimizerCase c, Func<Parameter[], double, double, IOptimizer> create)
    {
        Parameter[] parameters = c.Parameters(zeroGradients: true);
        Tensor[] before = parameters.Select(p => p.Value.Clone()).ToArray();
        create(parameters, c.LearningRate, c.WeightDecay).Step();
        float factor = (float)(1 - c.LearningRate * c.WeightDecay);
        for (int p = 0; p < parameters.Length; p++)
        {
            var expected = before[p].Data.Select(w => w * factor).ToArray();
            Compare.Exact(expected, parameters[p].Value.Data, $"{c} parameter {p}: w·(1 − lr·λ)");
        }
    }
}
