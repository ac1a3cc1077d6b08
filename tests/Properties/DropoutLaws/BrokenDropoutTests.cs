using Verification.Core;
using Verification.Properties.DropoutLaws.Broken;
using Xunit;

namespace Verification.Properties.DropoutLaws;

using Verification.Laws;

/// <summary>
/// Every law has teeth: each known-wrong layer in Broken/ is run through the check that must catch it, and the
/// check must fail, for the reason named. Inputs are fixed (no zeros, 512 elements or 32 channels of 16), so each
/// expected failure is certain here and, in the statistical cases, would happen with overwhelming probability for
/// any seed: the biases are tens of binomial standard deviations wide at these sizes.
/// </summary>
public class BrokenDropoutTests
{
    private static readonly MomentCase Elements = new([16, 32], 0, 42, 12345);
    private static readonly ChannelMomentCase Channels = new([4, 8, 4, 4], 0, 42, 12345);

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void The_moment_check_rejects_dropout_without_the_rescale(double p) =>
        Rejects(() =>
            DropoutLaws.CheckMoments((q, g) => new DropoutWithoutRescale(q, g), Elements.X(), p, Elements.Seed),
            "mean of y/x");

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void The_mask_and_gradient_check_rejects_dropout_without_the_rescale(double p) =>
        Rejects(() =>
            DropoutLaws.CheckMaskAndGradient((q, g) => new DropoutWithoutRescale(q, g), Elements.X(), Elements.GradOutput(), p, Elements.Seed),
            "kept element");

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.2)]
    [InlineData(0.7)]
    public void The_moment_check_rejects_p_read_as_the_keep_probability(double p) =>
        Rejects(() =>
            DropoutLaws.CheckMoments((q, g) => new DropoutWithKeepProbabilityConfusion(q, g), Elements.X(), p, Elements.Seed),
            "keep rate");

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.2)]
    [InlineData(0.7)]
    public void The_mask_and_gradient_check_rejects_p_read_as_the_keep_probability(double p) =>
        Rejects(() =>
            DropoutLaws.CheckMaskAndGradient((q, g) => new DropoutWithKeepProbabilityConfusion(q, g), Elements.X(), Elements.GradOutput(), p,
                Elements.Seed),
            "kept element");

    [Fact]
    public void At_p_one_half_keep_and_drop_probability_coincide_which_is_why_the_grid_avoids_relying_on_it() =>
        DropoutLaws.CheckMoments((q, g) => new DropoutWithKeepProbabilityConfusion(q, g), Elements.X(), 0.5, Elements.Seed);

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void The_moment_check_rejects_scaling_at_test_time_instead_of_training_time(double p) =>
        Rejects(() =>
            DropoutLaws.CheckMoments((q, g) => new DropoutScalingAtTestTime(q, g), Elements.X(), p, Elements.Seed),
            "mean of y/x");

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void The_eval_check_rejects_scaling_at_test_time(double p) =>
        Rejects(() =>
            DropoutLaws.CheckEvalIsIdentity((q, g) => new DropoutScalingAtTestTime(q, g), Elements.X(), Elements.GradOutput(), p, Elements.Seed),
            "y must equal x");

    [Theory]
    [InlineData(0.05)]
    [InlineData(0.5)]
    public void The_eval_check_rejects_dropout_that_stays_active_in_eval_mode(double p) =>
        Rejects(() =>
            DropoutLaws.CheckEvalIsIdentity((q, g) => new DropoutActiveInEval(q, g), Elements.X(), Elements.GradOutput(), p, Elements.Seed),
            "y must equal x");

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void The_whole_channel_check_rejects_an_element_wise_mask_in_Dropout2d(double p)
    {
        Tensor x = Channels.X();
        Rejects(() =>
            DropoutLaws.CheckMaskAndGradient((q, g) => new Dropout2dWithElementwiseMask(q, g), x, Channels.GradOutput(), p, Channels.Seed,
                x.Length / (x.Size(0) * x.Size(1))),
            "partly dropped");
    }

    private static void Rejects(Action check, string reason)
    {
        var failure = Assert.Throws<LawViolation>(check);
        Assert.Contains(reason, failure.Message);
    }
}
