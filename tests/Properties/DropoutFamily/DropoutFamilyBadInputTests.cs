using System.Globalization;
using Verification.Core;
using Verification.Core.Random;
using Verification.Laws;
using Xunit;

namespace Verification.Properties.DropoutFamily;

/// <summary>
/// Bad input to the family, on both stacks: a refused call names the argument, the value and the expectation (PyTorch's
/// words) and changes nothing — the generator has not moved.
/// </summary>
public class DropoutFamilyBadInputTests
{
    public static TheoryData<string, string> RowsAndStacks()
    {
        var data = new TheoryData<string, string>();
        foreach (FamilyRow row in FamilyTable.Rows)
        {
            foreach (string stack in FamilyTable.Stacks) data.Add(row.Name, stack);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RowsAndStacks))]
    public void A_p_outside_zero_to_one_is_refused_with_PyTorchs_message_before_any_draw(string rowName, string stack)
    {
        foreach (double p in new[] { -0.1, 1.5, double.NaN })
        {
            var generator = new TorchGenerator(3);
            TorchGeneratorState before = generator.SaveState();
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => FamilyTable.Row(rowName).For(stack)(p, generator));
            Assert.Equal("p", e.ParamName);
            Assert.StartsWith("dropout probability has to be between 0 and 1, but got " + p.ToString(CultureInfo.InvariantCulture), e.Message);
            Verification.Laws.DropoutLaws.RequireSameState(before, generator.SaveState(), "a refused p draws nothing",
                new Counterexample([], p, Detail: $"{stack} {rowName}"));
        }
    }

    [Theory]
    [InlineData("Dropout1d", new[] { 5 }, "Expected 2D or 3D input, but received a 1D input")]
    [InlineData("Dropout1d", new[] { 2, 3, 4, 5 }, "Expected 2D or 3D input, but received a 4D input")]
    [InlineData("Dropout3d", new[] { 2, 3, 4 }, "Received a 3-D input")]
    [InlineData("Dropout3d", new[] { 1, 2, 3, 4, 5, 6 }, "Received a 6-D input")]
    [InlineData("FeatureAlphaDropout", new[] { 7 }, "Feature dropout requires at least 2 dimensions in the input")]
    public void A_wrong_rank_is_refused_naming_the_input_and_the_ranks_expected_without_drawing(string rowName, int[] shape, string message)
    {
        foreach (string stack in FamilyTable.Stacks)
        {
            var generator = new TorchGenerator(3);
            TorchGeneratorState before = generator.SaveState();
            IModule layer = FamilyTable.Row(rowName).For(stack)(0.5, generator);
            var e = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(shape)));
            Assert.Equal("input", e.ParamName);
            Assert.Contains(message, e.Message);
            Verification.Laws.DropoutLaws.RequireSameState(before, generator.SaveState(), "a refused input draws nothing",
                new Counterexample(shape, 0.5, 3, Detail: $"{stack} {rowName}"));
        }
    }

    [Theory]
    [MemberData(nameof(RowsAndStacks))]
    public void Backward_before_forward_and_a_gradient_of_another_shape_are_refused(string rowName, string stack)
    {
        FamilyRow row = FamilyTable.Row(rowName);
        int[] shape = row.MinRank switch { 1 => [6], 2 => [2, 6], _ => [2, 3, 2, 2] };
        IModule layer = row.For(stack)(0.5, new TorchGenerator(3));
        Assert.Throws<InvalidOperationException>(() => layer.Backward(new Tensor(shape)));
        layer.Forward(Tensor.Ones(shape));
        var e = Assert.Throws<ArgumentException>(() => layer.Backward(new Tensor([.. shape, 1])));
        Assert.Equal("gradOutput", e.ParamName);
        Assert.Contains("grad_output", e.Message);
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("optimized")]
    public void FeatureAlphaDropout_checks_the_rank_only_when_it_draws_as_ATen_does(string stack)
    {
        // make_feature_noise (aten/src/ATen/native/Dropout.cpp) runs only in training mode with 0 < p < 1.
        var x = Tensor.FromValues([1f, -2f, 3f], 3);
        DropoutFactory create = FamilyTable.Row("FeatureAlphaDropout").For(stack);
        Assert.Same(x, create(0.5, new TorchGenerator(1)).Eval().Forward(x));
        Assert.Same(x, create(0, new TorchGenerator(1)).Forward(x));
        Assert.Equal([0f, -0f, 0f], create(1, new TorchGenerator(1)).Forward(x).Data);
    }
}
