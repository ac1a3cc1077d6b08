using Verification.Core;
using Verification.Core.Random;
using Xunit;

namespace Verification.Properties.Layers;

/// <summary>
/// The guards and defaults of Linear, ReLU and Sequential on both stacks: a null generator, a null gradient before any
/// Forward, Backward before Forward naming the layer, a new module in training mode (as every <c>nn.Module</c> starts),
/// and an empty Sequential, which has no layer to refuse a null for it. Mutation testing of the Reference
/// (docs/reliability.md, "Mutation testing") found each unchecked.
/// </summary>
public class LayerGuardTests
{
    public static TheoryData<string> StackNames() => [.. Verification.Stacks.Names()];

    private static (string Name, IModule Module)[] Layers(IStack stack) =>
    [
        ("Linear", stack.Linear(3, 2, new TorchGenerator(1))),
        ("ReLU", stack.ReLU()),
        ("Sequential", stack.Sequential(stack.Linear(3, 2, new TorchGenerator(1)), stack.ReLU())),
        ("empty Sequential", stack.Sequential()),
    ];

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Linear_refuses_a_null_generator_by_name(string stackName)
    {
        IStack stack = Verification.Stacks.ByName(stackName);

        var error = Assert.Throws<ArgumentNullException>(() => stack.Linear(3, 2, null!));

        Assert.Equal("generator", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void A_null_gradient_is_refused_by_name_even_before_any_forward(string stackName)
    {
        foreach (var (name, module) in Layers(Verification.Stacks.ByName(stackName)))
        {
            var error = Assert.Throws<ArgumentNullException>(() => module.Backward(null!));

            Assert.True(error.ParamName == "gradOutput", $"{stackName} {name}: the error names {error.ParamName}");
        }
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Backward_before_forward_names_the_layer(string stackName)
    {
        IStack stack = Verification.Stacks.ByName(stackName);

        var linear = Assert.Throws<InvalidOperationException>(() => stack.Linear(3, 2, new TorchGenerator(1)).Backward(new Tensor(4, 2)));
        var relu = Assert.Throws<InvalidOperationException>(() => stack.ReLU().Backward(new Tensor(4, 2)));

        Assert.Equal("Linear: Backward called before Forward.", linear.Message);
        Assert.Equal("ReLU: Backward called before Forward.", relu.Message);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void A_new_layer_is_in_training_mode(string stackName)
    {
        foreach (var (name, module) in Layers(Verification.Stacks.ByName(stackName)))
        {
            Assert.True(module.IsTraining, $"{stackName} {name} starts in eval mode");
        }
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void An_empty_Sequential_passes_a_tensor_through_and_refuses_a_null_one_by_name(string stackName)
    {
        IModule empty = Verification.Stacks.ByName(stackName).Sequential();
        var x = Tensor.Ones(2, 3);

        Assert.Same(x, empty.Forward(x));
        Assert.Same(x, empty.Backward(x));
        Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => empty.Forward(null!)).ParamName);
        Assert.Equal("gradOutput", Assert.Throws<ArgumentNullException>(() => empty.Backward(null!)).ParamName);
    }
}
