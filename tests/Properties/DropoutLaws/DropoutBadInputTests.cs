using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Laws;
using Xunit;

namespace Verification.Properties.DropoutLaws;

using Verification.Laws;

/// <summary>
/// Bad arguments are rejected with PyTorch's wording, naming the argument, before any state changes, on both stacks.
/// (A p outside [0, 1] is <see cref="DropoutLawSuite"/>'s.)
/// </summary>
public class DropoutBadInputTests
{
    public static TheoryData<Stack, int[]> BadChannelShapes()
    {
        var data = new TheoryData<Stack, int[]>();
        foreach (Stack stack in LawTable.Stacks)
        {
            data.Add(stack, [4, 6]);
            data.Add(stack, [24]);
            data.Add(stack, [1, 2, 3, 2, 2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(BadChannelShapes))]
    public void Dropout2d_rejects_inputs_that_are_not_3_D_or_4_D(Stack stack, int[] shape)
    {
        var generator = new TorchGenerator(42);
        var before = generator.SaveState();
        IModule layer = LawTable.Of(stack).Dropout2d(0.5, generator);

        var error = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(shape)));

        Assert.Equal("input", error.ParamName);
        Assert.Contains(Shapes.Format(shape), error.Message);
        Assert.Contains("(N, C, H, W)", error.Message);
        Assert.Contains("(N, C, L)", error.Message);
        DropoutLaws.RequireSameState(before, generator.SaveState(), "a refused input draws nothing", new Counterexample(shape, 0.5, 42));
    }

    [Theory]
    [InlineData(Stack.Reference)]
    [InlineData(Stack.Optimized)]
    public void Backward_with_a_gradient_of_another_shape_is_rejected(Stack stack)
    {
        IModule layer = LawTable.Of(stack).Dropout(0.5, new TorchGenerator(0));
        layer.Forward(new Tensor(3, 4));

        var error = Assert.Throws<ArgumentException>(() => layer.Backward(new Tensor(4, 3)));

        Assert.Equal("gradOutput", error.ParamName);
        Assert.Contains("grad_output", error.Message);
        Assert.Contains("[3, 4]", error.Message);
    }
}
