using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Laws;
using Verification.Properties.DropoutLaws;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.DropoutFamily;

/// <summary>
/// The laws of <see cref="DropoutFamilyLaws"/> (and the inverted-dropout laws of <see cref="Verification.Laws.DropoutLaws"/> that
/// apply) over every row of <see cref="FamilyTable"/>, on both stacks.
/// </summary>
public class DropoutFamilyLawTests
{
    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(FamilyArbitraries)])]
    public void Each_unit_is_kept_or_dropped_feature_variants_drop_whole_channels_and_gradient_flows_only_through_kept_units(FamilyCase c)
    {
        foreach (string stack in FamilyTable.Stacks)
        {
            DropoutFamilyLaws.CheckMaskAndGradient(c.Row.For(stack), c.Row.Alpha, c.Groups, c.X(), c.GradOutput(), c.P, c.Seed);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(FamilyArbitraries)])]
    public void Eval_mode_is_the_identity_and_draws_nothing(FamilyCase c)
    {
        foreach (string stack in FamilyTable.Stacks)
        {
            Verification.Laws.DropoutLaws.CheckEvalIsIdentity(c.Row.For(stack), c.X(), c.GradOutput(), c.P, c.Seed);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(FamilyArbitraries)])]
    public void Probability_zero_is_the_identity_and_one_gives_x_times_zero_neither_drawing(FamilyCase c)
    {
        foreach (string stack in FamilyTable.Stacks)
        {
            DropoutFactory create = c.Row.For(stack);
            Verification.Laws.DropoutLaws.CheckZeroProbabilityIsIdentity(create, c.X(), c.GradOutput(), c.Seed);
            Verification.Laws.DropoutLaws.CheckOneProbabilityGivesZeros(create, c.X(), c.GradOutput(), c.Seed);
        }
    }

    /// <summary>torch/nn/functional.py's dropout1d/dropout3d unsqueeze an unbatched input to a batch of 1, draw, and squeeze.</summary>
    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(FamilyArbitraries)])]
    public void An_unbatched_input_is_dropped_as_a_batch_of_one(FamilyCase c)
    {
        if (c.Row.Name is not ("Dropout1d" or "Dropout3d")) return;
        int unbatchedRank = c.Row.MinRank;
        int[] unbatched = c.Shape.Length == unbatchedRank ? c.Shape : c.Shape[1..];
        int[] batchOfOne = [1, .. unbatched];
        Tensor x = new FamilyCase(c.Row, unbatched, c.P, c.Seed, c.DataSeed).X();
        foreach (string stack in FamilyTable.Stacks)
        {
            IModule single = c.Row.For(stack)(c.P, new TorchGenerator(c.Seed));
            IModule batched = c.Row.For(stack)(c.P, new TorchGenerator(c.Seed));
            Compare.Exact(batched.Forward(x.Reshape(batchOfOne)).Data, single.Forward(x).Data,
                $"{stack} {c.Row.Name}: x{Shapes.Format(unbatched)} against the same values as {Shapes.Format(batchOfOne)}");
        }
    }

    /// <summary>
    /// AlphaDropout and FeatureAlphaDropout keep mean 0 and variance 1 of x = randn(…): the bound and its false-failure
    /// rate (1e-6 a case) are derived in <see cref="DropoutFamilyLaws.CheckAlphaMoments"/>. 4,096 elements a case, in
    /// 4,096 draws (AlphaDropout) or 512 channels of 8 (FeatureAlphaDropout); one stack per case, alternating.
    /// </summary>
    [Property(MaxTest = PropertyCounts.Statistical)]
    public Property Alpha_dropout_keeps_mean_zero_and_variance_one_of_standard_normal_input() =>
        Prop.ForAll(
            (from feature in Gen.Elements(false, true)
             from p in Gen.Elements(DropoutArbitraries.ProbabilityGrid)
             from seed in DropoutArbitraries.Seeds()
             from data in Gen.Choose(0, int.MaxValue)
             select (feature, p, seed, data)).ToArbitrary(),
            c =>
            {
                FamilyRow row = FamilyTable.Row(c.feature ? "FeatureAlphaDropout" : "AlphaDropout");
                int[] shape = c.feature ? [16, 32, 8] : [64, 64];
                int groups = c.feature ? 16 * 32 : 64 * 64;
                string stack = FamilyTable.Stacks[(c.seed + (ulong)c.data) % 2];
                DropoutFamilyLaws.CheckAlphaMoments(row.For(stack), shape, groups, c.p, c.seed, (ulong)c.data);
            });

    [Fact]
    public void The_normal_quantile_matches_known_values()
    {
        Assert.Equal(1.959963984540054, DropoutFamilyLaws.NormalUpperQuantile(0.025), 9);
        Assert.Equal(4.753424308822899, DropoutFamilyLaws.NormalUpperQuantile(1e-6), 9);
        Assert.Equal(5.199337582192817, DropoutFamilyLaws.NormalUpperQuantile(1e-7), 9);
    }

    [Theory]
    [InlineData(0.1, 0.9212845f)]
    [InlineData(0.5, 0.8864049f)]
    public void Alpha_dropouts_a_is_one_over_the_root_of_alpha_squared_p_plus_one_times_one_minus_p(double p, float expectedA)
    {
        // a = 1/√((α′²p + 1)(1 − p)) with α′² = 3.0909; and E[y] = (1 − p)·b₁ + p·b₀ = 0 up to float rounding.
        var (a, b1, b0) = DropoutFamilyLaws.Affine(p, alpha: true);
        Assert.Equal(expectedA, a, 6);
        Assert.True(Math.Abs((1 - p) * b1 + p * b0) < 1e-6, $"mean of the shifts {(1 - p) * b1 + p * b0}");
        Assert.Equal(1.0, (1 - p) * (a * (double)a + b1 * (double)b1) + p * b0 * (double)b0, 5);
    }
}
