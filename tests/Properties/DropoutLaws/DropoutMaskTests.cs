using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.DropoutLaws;

/// <summary>Properties 2, 4 and 5: what the mask does to values and gradients, and where it comes from.</summary>
public class DropoutMaskTests
{
    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(DropoutArbitraries)])]
    public void Dropped_units_pass_no_gradient_and_kept_units_pass_it_scaled_by_one_over_one_minus_p(ElementCase c) =>
        DropoutLaws.CheckMaskAndGradient(ReferenceLayers.Dropout, c.X(), c.GradOutput(), c.P, c.Seed);

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(DropoutArbitraries)])]
    public void Dropout2d_zeroes_whole_channels_and_scales_the_others(ChannelCase c)
    {
        var x = c.X();
        DropoutLaws.CheckMaskAndGradient(ReferenceLayers.Dropout2d, x, c.GradOutput(), c.P, c.Seed, ReferenceLayers.ChannelSize(x));
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(DropoutArbitraries)])]
    public void The_same_seed_gives_the_same_mask(ElementCase c)
    {
        DropoutLaws.CheckSameSeedSameMask(ReferenceLayers.Dropout, c.X(), c.P, c.Seed);
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(DropoutArbitraries)])]
    public void Dropout2d_with_the_same_seed_gives_the_same_mask(ChannelCase c)
    {
        DropoutLaws.CheckSameSeedSameMask(ReferenceLayers.Dropout2d, c.X(), c.P, c.Seed);
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(DropoutArbitraries)])]
    public void The_mask_is_what_PyTorch_draws_bernoulli_of_one_minus_p_in_row_major_order(ElementCase c)
    {
        var layer = new Reference.Dropout(c.P, c.Generator());
        layer.Forward(c.X());
        var expected = new float[c.Length];
        c.Generator().Bernoulli(expected, 1 - c.P);
        float scale = 1f / (float)(1 - c.P);
        for (int i = 0; i < expected.Length; i++) expected[i] *= scale;
        Compare.Exact(expected, layer.LastNoise, $"{c}: LastNoise");
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(DropoutArbitraries)])]
    public void Probability_zero_is_the_identity_and_draws_nothing(ElementCase c) =>
        DropoutLaws.CheckZeroProbabilityIsIdentity(ReferenceLayers.Dropout, c.X(), c.GradOutput(), c.Seed);

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(DropoutArbitraries)])]
    public void Dropout2d_with_probability_zero_is_the_identity_and_draws_nothing(ChannelCase c) =>
        DropoutLaws.CheckZeroProbabilityIsIdentity(ReferenceLayers.Dropout2d, c.X(), c.GradOutput(), c.Seed);

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(DropoutArbitraries)])]
    public void Probability_one_gives_zeros_and_draws_nothing(ElementCase c) =>
        DropoutLaws.CheckOneProbabilityGivesZeros(ReferenceLayers.Dropout, c.X(), c.GradOutput(), c.Seed);

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(DropoutArbitraries)])]
    public void Dropout2d_with_probability_one_gives_zeros_and_draws_nothing(ChannelCase c) =>
        DropoutLaws.CheckOneProbabilityGivesZeros(ReferenceLayers.Dropout2d, c.X(), c.GradOutput(), c.Seed);

    public static TheoryData<string> Layers() => new() { "Dropout", "Dropout2d" };

    [Theory]
    [MemberData(nameof(Layers))]
    public void Probability_one_turns_infinities_and_NaN_into_NaN_as_PyTorch_does(string layerName)
    {
        DropoutFactory create = layerName == "Dropout" ? ReferenceLayers.Dropout : ReferenceLayers.Dropout2d;
        var x = Tensor.FromValues([float.PositiveInfinity, float.NegativeInfinity, float.NaN, -2f, 0f, 3.5f], 1, 2, 3);
        var gradOutput = Tensor.FromValues([1f, -1f, 2f, float.PositiveInfinity, 0.5f, -0.25f], 1, 2, 3);

        DropoutLaws.CheckOneProbabilityGivesZeros(create, x, gradOutput, seed: 42);

        Tensor y = create(1, new TorchGenerator(42)).Forward(x);
        Assert.True(float.IsNaN(y[0]) && float.IsNaN(y[1]) && float.IsNaN(y[2]), $"p = 1: ±∞·0 and NaN·0 must be NaN, got {y}");
        Assert.True(y[3] == 0 && float.IsNegative(y[3]), "p = 1: −2·0 must be −0 (x·0, not a fresh zero)");
    }

    [Fact]
    public void Dropout_on_an_empty_input_is_the_identity_and_draws_nothing()
    {
        foreach (var (create, shape) in new[] { (ReferenceLayers.Dropout, new[] { 0, 5 }), (ReferenceLayers.Dropout2d, new[] { 2, 0, 3 }) })
        {
            var generator = new TorchGenerator(7);
            var before = generator.SaveState();
            Tensor y = create(0.5, generator).Forward(new Tensor(shape));
            Assert.True(y.HasShape(shape), $"empty input {Shapes.Format(shape)}: got {y.ShapeText}");
            DropoutLaws.RequireSameState(before, generator.SaveState(), $"empty input {Shapes.Format(shape)}");
        }
    }
}
