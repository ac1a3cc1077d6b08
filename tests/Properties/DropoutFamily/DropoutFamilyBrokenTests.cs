using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.DropoutFamily.Broken;
using Xunit;
using Verification.Laws;

namespace Verification.Properties.DropoutFamily;

/// <summary>
/// Every family law has teeth: each known-wrong layer of Broken/ goes through the law that must catch it, and the law
/// must fail for the reason named. The inputs are fixed and large enough that each failure is certain here (the
/// statistical ones are many bound-widths off: the uncorrected mean is p·α′ = −0.88 at p = 0.5 against a bound near 0.1).
/// </summary>
public class DropoutFamilyBrokenTests
{
    private static readonly FamilyCase Elements = new(FamilyTable.Row("AlphaDropout"), [16, 32], 0.5, 42, 12345);
    private static readonly FamilyCase Sequences = new(FamilyTable.Row("Dropout1d"), [4, 8, 16], 0.5, 42, 12345);
    private static readonly FamilyCase Channels = new(FamilyTable.Row("FeatureAlphaDropout"), [4, 8, 16], 0.5, 42, 12345);

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void The_moment_law_rejects_alpha_dropout_without_the_affine_correction(double p) =>
        Rejects(() => DropoutFamilyLaws.CheckAlphaMoments((q, g) => new AlphaDropoutWithoutAffineCorrection(q, g), [64, 64], 4096, p, 42, 7),
            DropoutFamilyLaws.AlphaMoments, "sample mean");

    [Fact]
    public void The_mask_law_rejects_alpha_dropout_without_the_affine_correction() =>
        Rejects(() => DropoutFamilyLaws.CheckMaskAndGradient((q, g) => new AlphaDropoutWithoutAffineCorrection(q, g), alpha: true,
            Elements.Groups, Elements.X(), Elements.GradOutput(), Elements.P, Elements.Seed), DropoutFamilyLaws.KeptOrDropped, "kept unit");

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.5)]
    public void The_moment_law_rejects_alpha_dropout_that_drops_to_zero_instead_of_alpha_prime(double p) =>
        Rejects(() => DropoutFamilyLaws.CheckAlphaMoments((q, g) => new AlphaDropoutDroppingToZero(q, g), [64, 64], 4096, p, 42, 7),
            DropoutFamilyLaws.AlphaMoments, "sample mean");

    [Fact]
    public void The_gradient_law_rejects_alpha_dropout_that_passes_gradient_through_dropped_units() =>
        Rejects(() => DropoutFamilyLaws.CheckMaskAndGradient((q, g) => new AlphaDropoutWithGradientThroughDroppedUnits(q, g), alpha: true,
            Elements.Groups, Elements.X(), Elements.GradOutput(), Elements.P, Elements.Seed), DropoutFamilyLaws.KeptOrDropped,
            "passes no gradient");

    [Fact]
    public void The_whole_channel_law_rejects_Dropout1d_with_an_elementwise_mask() =>
        Rejects(() => DropoutFamilyLaws.CheckMaskAndGradient((q, g) => new Dropout1dWithElementwiseMask(q, g), alpha: false,
            Sequences.Groups, Sequences.X(), Sequences.GradOutput(), Sequences.P, Sequences.Seed), DropoutFamilyLaws.WholeChannels);

    [Fact]
    public void The_eval_law_rejects_feature_alpha_dropout_that_stays_active_in_eval_mode() =>
        Rejects(() => Verification.Laws.DropoutLaws.CheckEvalIsIdentity((q, g) => new FeatureAlphaDropoutActiveInEval(q, g),
            Channels.X(), Channels.GradOutput(), Channels.P, Channels.Seed), Verification.Laws.DropoutLaws.EvalIsIdentity, "y must equal x");

    [Fact]
    public void The_broken_layers_pass_the_laws_they_do_not_break_so_each_rejection_is_for_its_own_bug()
    {
        // Training mode is right in the eval-mode bug, and the element-wise Dropout1d is right per element.
        DropoutFamilyLaws.CheckMaskAndGradient((q, g) => new FeatureAlphaDropoutActiveInEval(q, g), alpha: true,
            Channels.Groups, Channels.X(), Channels.GradOutput(), Channels.P, Channels.Seed);
        DropoutFamilyLaws.CheckMaskAndGradient((q, g) => new Dropout1dWithElementwiseMask(q, g), alpha: false,
            Sequences.X().Length, Sequences.X(), Sequences.GradOutput(), Sequences.P, Sequences.Seed);
        DropoutFamilyLaws.CheckAlphaMoments((q, g) => new AlphaDropoutWithGradientThroughDroppedUnits(q, g), [64, 64], 4096, 0.5, 42, 7);
    }

    private static void Rejects(Action check, string law, string reason = "")
    {
        var e = Assert.Throws<LawViolation>(check);
        Assert.Equal(law, e.Law);
        Assert.Contains(reason, e.Message);
    }
}
