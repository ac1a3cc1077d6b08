using FsCheck.Xunit;
using Verification.Core.Random;
using Verification.Laws;
using Verification.Properties.Support;
using Xunit;
using R = Verification.Reference;

namespace Verification.Properties.Regularisers;

/// <summary>The laws of <see cref="DropConnectLaws"/> on both stacks, and the gradient check on the Reference twin.</summary>
public class DropConnectLawTests
{
    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(RegulariserArbitraries)])]
    public void Training_masks_the_weights_with_one_bernoulli_draw_per_weight_and_the_gradient_flows_through_that_mask(DropConnectCase c)
    {
        foreach (string stack in RegulariserTable.Stacks)
        {
            DropConnectLaws.CheckMaskedWeights(RegulariserTable.DropConnect(stack), c.X(), c.Out, c.P, c.Seed);
            DropConnectLaws.CheckGradientThroughMask(RegulariserTable.DropConnect(stack), c.X(), c.GradOutput(), c.Out, c.P, c.Seed);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(RegulariserArbitraries)])]
    public void Eval_mode_and_p_zero_are_Linear_bit_for_bit_and_draw_nothing(DropConnectCase c)
    {
        foreach (string stack in RegulariserTable.Stacks)
        {
            DropConnectLaws.CheckMatchesLinear(RegulariserTable.DropConnect(stack), RegulariserTable.Linear(stack), c.X(), c.GradOutput(),
                c.Out, c.P, c.Seed);
        }
    }

    /// <summary>
    /// 500 fresh masks a case, one stack per case, alternating; the Hoeffding bound's false-failure rate is 1e-6 a case
    /// (<see cref="DropConnectLaws.CheckExpectationIsDense"/>), so 20 cases fail a correct layer with probability 2e-5.
    /// </summary>
    [Property(MaxTest = PropertyCounts.Statistical, Arbitrary = [typeof(RegulariserArbitraries)])]
    public void The_mean_output_over_fresh_masks_is_the_dense_output(DropConnectCase c)
    {
        string stack = RegulariserTable.Stacks[(c.Seed + (ulong)c.DataSeed) % 2];
        DropConnectLaws.CheckExpectationIsDense(RegulariserTable.DropConnect(stack), c.X(), c.Out, c.P, c.Seed, passes: 500);
    }

    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(DropConnectGradientArbitraries)])]
    public void Backward_matches_centred_differences_with_the_mask_held_fixed(DropConnectCase c)
    {
        var generator = new TorchGenerator(c.Seed);
        var layer = new R.DropConnect(c.In, c.Out, c.P, generator);
        var afterInit = generator.SaveState();
        GradientCheck.Module(layer, c.X(), c.GradOutput(), () => generator.RestoreState(afterInit), what: c.ToString());
    }

    [Fact]
    public void A_fresh_mask_is_drawn_at_every_training_step_and_none_in_eval()
    {
        var layer = new R.DropConnect(16, 8, 0.5, new TorchGenerator(3));
        var x = NonZeroValues.Of(1, [2, 16]);
        layer.Forward(x);
        bool[] first = Enumerable.Range(0, 128).Select(i => layer.Kept(i / 16, i % 16)).ToArray();
        layer.Forward(x);
        bool[] second = Enumerable.Range(0, 128).Select(i => layer.Kept(i / 16, i % 16)).ToArray();
        Assert.NotEqual(first, second);
        layer.SetTraining(false);
        layer.Forward(x);
        Assert.True(layer.Kept(7, 15));
    }
}
