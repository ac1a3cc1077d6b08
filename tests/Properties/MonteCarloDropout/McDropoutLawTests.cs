using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Core.Training;
using Verification.Laws;
using Verification.Properties.DropoutLaws;
using Verification.Properties.MonteCarloDropout.Broken;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.MonteCarloDropout;

/// <summary>
/// <see cref="McDropout.Predict"/> against the laws of <see cref="McDropoutLaws"/> on both stacks, and each known-wrong
/// predictor of Broken/ rejected by the law that names its bug.
/// </summary>
public class McDropoutLawTests
{
    private static readonly McPredictor Correct = McDropout.Predict;

    private static Arbitrary<(string Stack, double P, ulong Seed, int Passes)> Cases(int minPasses, int maxPasses) =>
        (from stack in Gen.Elements(Stacks.Names().ToArray())
         from p in Gen.Elements(DropoutArbitraries.ProbabilityGrid)
         from seed in DropoutArbitraries.Seeds()
         from passes in Gen.Choose(minPasses, maxPasses)
         select (stack, p, seed, passes)).ToArbitrary();

    [Property(MaxTest = PropertyCounts.Gradients)]
    public Property The_mean_and_standard_deviation_are_those_of_T_passes_with_the_same_masks() =>
        Prop.ForAll(Cases(1, 12), c => McDropoutLaws.CheckSameMasksComputedDirectly(Correct, Stacks.ByName(c.Stack), c.P, c.Seed, c.Passes));

    [Property(MaxTest = PropertyCounts.Gradients)]
    public Property With_p_zero_the_standard_deviation_is_exactly_zero_and_the_mean_is_the_eval_output() =>
        Prop.ForAll(Cases(1, 30), c => McDropoutLaws.CheckZeroProbabilityHasNoSpread(Correct, Stacks.ByName(c.Stack), c.Seed, c.Passes));

    [Property(MaxTest = PropertyCounts.Gradients)]
    public Property BatchNorm_stays_in_eval_mode_and_every_module_gets_its_mode_back() =>
        Prop.ForAll(Cases(1, 1), c => McDropoutLaws.CheckBatchNormFrozenAndModesRestored(Correct, Stacks.ByName(c.Stack), c.P, c.Seed));

    /// <summary>Hoeffding's bound at T = 100 and T = 1600 (a quarter as wide): false-failure rate 1e-6 a check.</summary>
    [Property(MaxTest = PropertyCounts.Statistical / 4)]
    public Property As_T_grows_the_mean_converges_to_the_exact_average_over_all_masks() =>
        Prop.ForAll(Cases(1, 1), c =>
        {
            McDropoutLaws.CheckConvergesToTheAverageOverAllMasks(Correct, Stacks.ByName(c.Stack), c.P, c.Seed, 100);
            McDropoutLaws.CheckConvergesToTheAverageOverAllMasks(Correct, Stacks.ByName(c.Stack), c.P, c.Seed, 1600);
        });

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Fewer_than_one_pass_is_refused_naming_passes(int passes)
    {
        IModule model = McDropoutLaws.ModelWithBatchNorm(Stacks.ByName("reference"), 0.5, 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => McDropout.Predict(model, new Tensor(2, 4), passes));
        Assert.Equal("passes", e.ParamName);
        Assert.True(model.IsTraining, "a refused call must not change the model's mode");
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("optimized")]
    public void Modules_walks_the_model_depth_first_and_finds_the_dropout_layer_as_the_only_stochastic_one(string stack)
    {
        IModule model = McDropoutLaws.ModelWithBatchNorm(Stacks.ByName(stack), 0.5, 1);
        IModule[] modules = model.Modules().ToArray();
        Assert.Equal(7, modules.Length);
        Assert.Same(model, modules[0]);
        Assert.Equal([4], modules.Select((m, i) => (m, i)).Where(t => t.m is IStochasticModule).Select(t => t.i));
    }

    [Fact]
    public void Training_mode_for_every_module_is_rejected_because_BatchNorm_must_stay_in_eval_mode()
    {
        Rejects(() => McDropoutLaws.CheckBatchNormFrozenAndModesRestored(McDropoutWithEveryModuleInTrainingMode.Predict,
            Stacks.ByName("reference"), 0.3, 42), McDropoutLaws.BatchNormFrozen, "buffer");
        Rejects(() => McDropoutLaws.CheckSameMasksComputedDirectly(McDropoutWithEveryModuleInTrainingMode.Predict,
            Stacks.ByName("optimized"), 0.3, 42, 10), McDropoutLaws.SameMasks);
    }

    [Fact]
    public void Eval_mode_for_every_module_is_rejected_because_the_passes_must_differ()
    {
        Rejects(() => McDropoutLaws.CheckSameMasksComputedDirectly(McDropoutInEvalMode.Predict, Stacks.ByName("reference"), 0.3, 42, 10),
            McDropoutLaws.SameMasks);
        Rejects(() => McDropoutLaws.CheckConvergesToTheAverageOverAllMasks(McDropoutInEvalMode.Predict, Stacks.ByName("optimized"), 0.7, 42, 1600),
            McDropoutLaws.Converges);
    }

    [Fact]
    public void The_sample_standard_deviation_is_rejected_because_the_spread_is_that_of_the_T_networks()
    {
        Rejects(() => McDropoutLaws.CheckSameMasksComputedDirectly(McDropoutWithSampleStandardDeviation.Predict, Stacks.ByName("reference"),
            0.3, 42, 5), McDropoutLaws.SameMasks, "standard deviation of the direct passes");
        // The same predictor passes the laws its bug does not touch.
        McDropoutLaws.CheckBatchNormFrozenAndModesRestored(McDropoutWithSampleStandardDeviation.Predict, Stacks.ByName("reference"), 0.3, 42);
    }

    [Fact]
    public void Leaving_the_model_in_its_MC_modes_is_rejected()
    {
        Rejects(() => McDropoutLaws.CheckBatchNormFrozenAndModesRestored(McDropoutThatForgetsTheModes.Predict, Stacks.ByName("optimized"),
            0.3, 42), McDropoutLaws.BatchNormFrozen, "modes restored");
        McDropoutLaws.CheckSameMasksComputedDirectly(McDropoutThatForgetsTheModes.Predict, Stacks.ByName("optimized"), 0.3, 42, 10);
    }

    private static void Rejects(Action check, string law, string reason = "")
    {
        var e = Assert.Throws<LawViolation>(check);
        Assert.Equal(law, e.Law);
        Assert.Contains(reason, e.Message);
    }
}
