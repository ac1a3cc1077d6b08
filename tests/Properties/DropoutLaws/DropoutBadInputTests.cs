using Verification.Core;
using Verification.Core.Random;
using Xunit;

namespace Verification.Properties.DropoutLaws;

/// <summary>Bad arguments are rejected with PyTorch's wording, naming the argument, before any state changes.</summary>
public class DropoutBadInputTests
{
    public static TheoryData<string, double, string> BadProbabilities() => new()
    {
        { "Dropout", 1.5, "1.5" }, { "Dropout", -0.1, "-0.1" }, { "Dropout", double.NaN, "NaN" },
        { "Dropout2d", 1.5, "1.5" }, { "Dropout2d", -0.1, "-0.1" }, { "Dropout2d", double.NaN, "NaN" },
    };

    [Theory]
    [MemberData(nameof(BadProbabilities))]
    public void A_probability_outside_zero_to_one_is_rejected_with_PyTorchs_message(string layer, double p, string shown)
    {
        var generator = new TorchGenerator(42);
        var before = generator.SaveState();

        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            layer == "Dropout" ? new Reference.Dropout(p, generator) : (IModule)new Reference.Dropout2d(p, generator));

        Assert.Equal("p", error.ParamName);
        Assert.Contains($"dropout probability has to be between 0 and 1, but got {shown}", error.Message);
        DropoutLaws.RequireSameState(before, generator.SaveState(), $"{layer}(p = {shown})");
    }

    [Theory]
    [InlineData(new[] { 4, 6 })]
    [InlineData(new[] { 24 })]
    [InlineData(new[] { 1, 2, 3, 2, 2 })]
    public void Dropout2d_rejects_inputs_that_are_not_3_D_or_4_D(int[] shape)
    {
        var generator = new TorchGenerator(42);
        var before = generator.SaveState();
        var layer = new Reference.Dropout2d(0.5, generator);

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(shape)));

        Assert.Equal("input", error.ParamName);
        Assert.Contains(Shapes.Format(shape), error.Message);
        Assert.Contains("(N, C, H, W)", error.Message);
        Assert.Contains("(N, C, L)", error.Message);
        DropoutLaws.RequireSameState(before, generator.SaveState(), $"Dropout2d on {Shapes.Format(shape)}");
    }

    [Fact]
    public void Backward_with_a_gradient_of_another_shape_is_rejected()
    {
        var layer = new Reference.Dropout(0.5, new TorchGenerator(0));
        layer.Forward(new Tensor(3, 4));

        var error = Assert.Throws<ArgumentException>(() => layer.Backward(new Tensor(4, 3)));

        Assert.Equal("gradOutput", error.ParamName);
        Assert.Contains("[3, 4]", error.Message);
    }
}
