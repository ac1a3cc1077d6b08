using System.Text.Json;
using Verification.Core;
using Verification.Properties.Golden;
using Verification.Properties.Optimizers.Broken;
using Xunit;
using Xunit.Sdk;

namespace Verification.Properties.Optimizers;

using Verification.Laws;

/// <summary>The golden check and the Adam laws must reject each known-wrong optimizer.</summary>
public class BrokenOptimizerTests
{
    private static readonly OptimizerCase Case = new([3, 5], 0.01, 0.1, 42);

    [Fact]
    public void The_AdamW_golden_check_rejects_coupled_decay()
    {
        foreach (JsonElement c in GoldenFile.Cases("optim.json").Where(c => c.Op() == "AdamW"))
        {
            Assert.ThrowsAny<XunitException>(() => OptimizerGolden.Run(c, (ps, k) => new AdamWithCoupledDecayWhereAdamWWasAsked(
                ps, k.Param("lr"), k.ParamOr("beta1", 0.9), k.ParamOr("beta2", 0.999), k.ParamOr("eps", 1e-8), k.Param("weight_decay"))));
        }
    }

    [Fact]
    public void The_zero_gradient_decay_law_rejects_coupled_decay()
    {
        var violation = Assert.Throws<LawViolation>(() => OptimizerLaws.CheckZeroGradientOnlyDecays(
            (ps, lr, wd) => new AdamWithCoupledDecayWhereAdamWWasAsked(ps, lr, weightDecay: wd), Case.Parameters(), Case.LearningRate,
            Case.WeightDecay, Case.Seed));
        Assert.Equal(OptimizerLaws.ZeroGradientOnlyDecays, violation.Law);
    }

    [Fact]
    public void The_Adam_golden_check_rejects_a_step_counter_updated_after_the_bias_correction()
    {
        foreach (JsonElement c in GoldenFile.Cases("optim.json").Where(c => c.Op() == "Adam"))
        {
            Assert.ThrowsAny<XunitException>(() => OptimizerGolden.Run(c, (ps, k) => new AdamWithStepCounterUpdatedAfterBiasCorrection(
                ps, k.Param("lr"), weightDecay: k.ParamOr("weight_decay", 0))));
        }
    }

    [Fact]
    public void The_first_step_law_rejects_a_step_counter_updated_after_the_bias_correction()
    {
        var violation = Assert.Throws<LawViolation>(() => OptimizerLaws.CheckAdamFirstStep(
            ps => new AdamWithStepCounterUpdatedAfterBiasCorrection(ps, Case.LearningRate), Case.Parameters(), Case.LearningRate, Case.Seed));
        Assert.Equal(OptimizerLaws.AdamFirstStep, violation.Law);
    }

    [Fact]
    public void The_laws_accept_both_stacks_so_a_rejection_means_the_bug()
    {
        OptimizerLaws.CheckAdamFirstStep(ps => new Reference.Adam(ps, Case.LearningRate), Case.Parameters(), Case.LearningRate, Case.Seed);
        OptimizerLaws.CheckAdamFirstStep(ps => new global::Verification.Optimized.Adam(ps, Case.LearningRate), Case.Parameters(),
            Case.LearningRate, Case.Seed);
        OptimizerLaws.CheckZeroGradientOnlyDecays((ps, lr, wd) => new Reference.AdamW(ps, lr, weightDecay: wd), Case.Parameters(),
            Case.LearningRate, Case.WeightDecay, Case.Seed);
        OptimizerLaws.CheckZeroGradientOnlyDecays((ps, lr, wd) => new global::Verification.Optimized.AdamW(ps, lr, weightDecay: wd),
            Case.Parameters(), Case.LearningRate, Case.WeightDecay, Case.Seed);
    }
}
