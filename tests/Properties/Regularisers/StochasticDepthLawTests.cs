using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Laws;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Regularisers;

/// <summary>
/// StochasticDepth is dropout with one draw per sample (mode "row") or per batch (mode "batch"), so
/// <see cref="Verification.Laws.DropoutLaws"/>' laws hold with a channel the size of that group; its own law is the draw
/// (<see cref="StochasticDepthLaws.CheckDraws"/>). Both stacks, both modes.
/// </summary>
public class StochasticDepthLawTests
{
    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(RegulariserArbitraries)])]
    public void A_sample_or_the_batch_is_kept_and_scaled_by_one_over_the_survival_rate_or_dropped_with_no_gradient(StochasticDepthCase c)
    {
        foreach (string stack in RegulariserTable.Stacks)
        {
            Verification.Laws.DropoutLaws.CheckMaskAndGradient(RegulariserTable.StochasticDepth(stack, c.Mode), c.X(), c.GradOutput(), c.P,
                c.Seed, channelSize: c.DrawGroup);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(RegulariserArbitraries)])]
    public void The_draws_are_torchvisions_one_per_sample_or_one_per_batch_even_at_p_one(StochasticDepthCase c)
    {
        foreach (string stack in RegulariserTable.Stacks)
        {
            StochasticDepthLaws.CheckDraws(RegulariserTable.StochasticDepth(stack, c.Mode), c.Mode == "row", c.X(), c.P, c.Seed);
            StochasticDepthLaws.CheckDraws(RegulariserTable.StochasticDepth(stack, c.Mode), c.Mode == "row", c.X(), 1, c.Seed);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(RegulariserArbitraries)])]
    public void Eval_mode_and_p_zero_are_the_identity_and_draw_nothing(StochasticDepthCase c)
    {
        foreach (string stack in RegulariserTable.Stacks)
        {
            DropoutFactory create = RegulariserTable.StochasticDepth(stack, c.Mode);
            Verification.Laws.DropoutLaws.CheckEvalIsIdentity(create, c.X(), c.GradOutput(), c.P, c.Seed);
            Verification.Laws.DropoutLaws.CheckZeroProbabilityIsIdentity(create, c.X(), c.GradOutput(), c.Seed);
        }
    }

    /// <summary>
    /// The survival rate is 1 − p and the mean is kept: <see cref="Verification.Laws.DropoutLaws.CheckMoments"/> with exact binomial
    /// bounds, false-failure rate 1e-6 a case, over 2,000 passes of a (16, 3) input in mode "row" (32,000 draws) or
    /// "batch" (2,000 draws); one stack per case, alternating.
    /// </summary>
    [Property(MaxTest = PropertyCounts.Statistical, Arbitrary = [typeof(RegulariserArbitraries)])]
    public void Samples_survive_at_rate_one_minus_p_and_the_mean_is_kept(StochasticDepthCase c)
    {
        string stack = RegulariserTable.Stacks[(c.Seed + (ulong)c.DataSeed) % 2];
        Tensor x = NonZeroValues.Of(c.DataSeed, [16, 3]);
        Verification.Laws.DropoutLaws.CheckMoments(RegulariserTable.StochasticDepth(stack, c.Mode), x, c.P, c.Seed,
            channelSize: c.Mode == "row" ? 3 : 48);
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("optimized")]
    public void On_a_residual_block_a_dropped_sample_skips_the_block_and_a_kept_one_adds_its_output_scaled(string stackName)
    {
        IStack stack = Verification.Stacks.ByName(stackName);
        var generator = new TorchGenerator(11);
        IModule body = stack.Sequential(stack.Linear(6, 6, generator), stack.Tanh());
        var depth = stack.StochasticDepth(0.5, "row", generator);
        IModule block = stack.Residual(stack.Sequential(body, depth));
        Tensor x = NonZeroValues.Of(5, [32, 6]);
        Tensor y = block.Forward(x).Clone();
        body.SetTraining(false);
        Tensor f = body.Forward(x).Clone();
        int dropped = 0;
        for (int n = 0; n < 32; n++)
        {
            bool kept = stackName == "reference" ? ((Verification.Reference.StochasticDepth)depth).Kept(n)
                : ((Verification.Optimized.StochasticDepth)depth).Kept(n);
            dropped += kept ? 0 : 1;
            for (int j = 0; j < 6; j++)
            {
                int i = n * 6 + j;
                float expected = kept ? x[i] + f[i] * 2f : x[i];
                Assert.True(Bits.Same(expected, y[i]),
                    $"{stackName}, sample {n} ({(kept ? "kept" : "dropped")}), element {j}: {expected:R} ≠ {y[i]:R}");
            }
        }
        Assert.InRange(dropped, 1, 31);
        Assert.Equal(["block.0.0.weight", "block.0.0.bias"], block.NamedParameters().Select(p => p.Name));
    }
}
