using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Laws;

using Verification.Laws;

/// <summary>
/// The dropout laws of <see cref="DropoutLaws"/>, each a property over the rows of <see cref="LawTable.Dropouts"/> and
/// both stacks. Each case picks a row; the cheap laws then run on both stacks, the statistical one on the stack the
/// case picked (see <see cref="DropoutMomentCase"/>).
/// </summary>
public class DropoutLawSuite
{
    [Property(MaxTest = PropertyCounts.Statistical * 2, Arbitrary = [typeof(LawArbitraries)])]
    public void Inverted_dropout_keeps_the_mean_and_has_variance_x_squared_p_over_one_minus_p(DropoutMomentCase c)
    {
        Tensor x = c.X();
        DropoutLaws.CheckMoments(c.Row.For(c.Stack), x, c.P, c.Seed, c.ChannelSize(x));
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LawArbitraries)])]
    public void Dropped_units_pass_no_gradient_and_kept_units_pass_it_scaled_by_one_over_one_minus_p(DropoutLawCase c)
    {
        Tensor x = c.X();
        foreach (Stack stack in LawTable.Stacks)
        {
            DropoutLaws.CheckMaskAndGradient(c.Row.For(stack), x, c.GradOutput(), c.P, c.Seed, c.ChannelSize(x));
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LawArbitraries)])]
    public void Eval_mode_is_the_identity_and_draws_nothing(DropoutLawCase c)
    {
        foreach (Stack stack in LawTable.Stacks)
        {
            DropoutLaws.CheckEvalIsIdentity(c.Row.For(stack), c.X(), c.GradOutput(), c.P, c.Seed);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LawArbitraries)])]
    public void The_same_seed_gives_the_same_mask(DropoutLawCase c)
    {
        foreach (Stack stack in LawTable.Stacks)
        {
            DropoutLaws.CheckSameSeedSameMask(c.Row.For(stack), c.X(), c.P, c.Seed);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LawArbitraries)])]
    public void Probability_zero_is_the_identity_and_draws_nothing(DropoutLawCase c)
    {
        foreach (Stack stack in LawTable.Stacks)
        {
            DropoutLaws.CheckZeroProbabilityIsIdentity(c.Row.For(stack), c.X(), c.GradOutput(), c.Seed);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LawArbitraries)])]
    public void Probability_one_gives_zeros_and_draws_nothing(DropoutLawCase c)
    {
        foreach (Stack stack in LawTable.Stacks)
        {
            DropoutLaws.CheckOneProbabilityGivesZeros(c.Row.For(stack), c.X(), c.GradOutput(), c.Seed);
        }
    }

    public static TheoryData<DropoutRow, Stack> RowsAndStacks()
    {
        var data = new TheoryData<DropoutRow, Stack>();
        foreach (DropoutRow row in LawTable.Dropouts)
        {
            foreach (Stack stack in LawTable.Stacks) data.Add(row, stack);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RowsAndStacks))]
    public void Probability_one_turns_infinities_and_NaN_into_NaN_as_PyTorch_does(DropoutRow row, Stack stack)
    {
        DropoutFactory create = row.For(stack);
        int[] shape = row.Fit([1, 2, 3]);
        var x = Tensor.FromValues([float.PositiveInfinity, float.NegativeInfinity, float.NaN, -2f, 0f, 3.5f], shape);
        var gradOutput = Tensor.FromValues([1f, -1f, 2f, float.PositiveInfinity, 0.5f, -0.25f], shape);

        DropoutLaws.CheckOneProbabilityGivesZeros(create, x, gradOutput, seed: 42);

        Tensor y = create(1, new TorchGenerator(42)).Forward(x);
        Assert.True(float.IsNaN(y[0]) && float.IsNaN(y[1]) && float.IsNaN(y[2]), $"p = 1: ±∞·0 and NaN·0 must be NaN, got {y}");
        Assert.True(y[3] == 0 && float.IsNegative(y[3]), "p = 1: −2·0 must be −0 (x·0, not a fresh zero)");
    }

    /// <summary>
    /// ATen's <c>dropout</c> (aten/src/ATen/native/Dropout.cpp) returns <c>input</c> itself when
    /// <c>p == 0 || !train || numel == 0</c>; both stacks do the same, and backward then returns grad_output itself.
    /// </summary>
    [Theory]
    [MemberData(nameof(RowsAndStacks))]
    public void An_identity_pass_returns_the_input_object_itself_and_backward_the_gradient_itself(DropoutRow row, Stack stack)
    {
        int[] full = row.Fit([2, 3, 4]), empty = row.Fit(row.MinRank == 3 ? [2, 0, 3] : [0, 5]);
        foreach ((string pass, double p, bool training, int[] shape) in new[]
                 { ("eval", 0.5, false, full), ("p = 0", 0.0, true, full), ("empty input", 0.5, true, empty) })
        {
            var generator = new TorchGenerator(7);
            TorchGeneratorState before = generator.SaveState();
            IModule layer = row.For(stack)(p, generator);
            layer.SetTraining(training);
            var x = new Tensor(shape);
            var g = new Tensor(shape);
            Assert.True(ReferenceEquals(x, layer.Forward(x)), $"{stack} {row} {pass}: Forward must return the input object");
            Assert.True(ReferenceEquals(g, layer.Backward(g)), $"{stack} {row} {pass}: Backward must return grad_output itself");
            DropoutLaws.RequireSameState(before, generator.SaveState(), DropoutLaws.ZeroIsIdentity, new Counterexample(shape, p, 7));
        }
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Every_dropout_layer_of_both_stacks_rejects_p_outside_zero_to_one_with_PyTorchs_message(double p)
    {
        string expected = "dropout probability has to be between 0 and 1, but got " + p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (DropoutRow row in LawTable.Dropouts)
        {
            foreach (Stack stack in LawTable.Stacks)
            {
                var generator = new TorchGenerator(0);
                TorchGeneratorState before = generator.SaveState();
                var e = Assert.Throws<ArgumentOutOfRangeException>(() => row.For(stack)(p, generator));
                Assert.Equal("p", e.ParamName);
                Assert.StartsWith(expected, e.Message);
                DropoutLaws.RequireSameState(before, generator.SaveState(), "a refused p draws nothing", new Counterexample([], p));
            }
        }
    }
}
