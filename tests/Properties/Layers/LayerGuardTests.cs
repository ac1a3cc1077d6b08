using Verification.Core;
using Verification.Core.Random;
using Xunit;

namespace Verification.Properties.Layers;

/// <summary>
/// The guards and defaults every layer shares, on both stacks: a null generator, a null gradient before and after a
/// Forward, Backward before Forward naming the layer, a gradient of the wrong shape naming the layer and both shapes,
/// a null input, a new module in training mode (as every <c>nn.Module</c> starts), and an empty Sequential, which has
/// no layer to refuse a null for it. Mutation testing of the Reference (docs/reliability.md, "Mutation testing") found
/// each unchecked.
/// </summary>
public class LayerGuardTests
{
    public static TheoryData<string> StackNames() => [.. Verification.Stacks.Names()];

    /// <summary>
    /// A layer that names itself in its own Backward errors, an input it accepts, and a gradient shape with as many
    /// elements as its output: without the shape check most layers would read such a gradient without an error.
    /// </summary>
    private sealed record Case(string Name, IModule Module, Tensor Input, int[] WrongGradientShape);

    private static Case[] Cases(IStack stack) =>
    [
        new("Linear", stack.Linear(3, 2, new TorchGenerator(1)), Ramp(4, 3), [2, 4]),
        new("ReLU", stack.ReLU(), Ramp(2, 3), [3, 2]),
        new("Sigmoid", stack.Sigmoid(), Ramp(2, 3), [3, 2]),
        new("Tanh", stack.Tanh(), Ramp(2, 3), [3, 2]),
        new("AvgPool2d", stack.AvgPool2d(2), Ramp(1, 2, 4, 6), [1, 2, 3, 2]),
        new("MaxPool2d", stack.MaxPool2d(2), Ramp(1, 2, 4, 6), [1, 2, 3, 2]),
        new("Flatten", stack.Flatten(), Ramp(2, 3, 4), [3, 8]),
        new("BatchNorm1d", stack.BatchNorm1d(3), Ramp(4, 3), [3, 4]),
        new("BatchNorm2d", stack.BatchNorm2d(2), Ramp(2, 2, 2, 3), [2, 2, 3, 2]),
        new("Conv2d", stack.Conv2d(1, 2, 2, new TorchGenerator(1)), Ramp(1, 1, 3, 3), [1, 2, 1, 4]),
        // Around a ReLU, which would refuse the gradient too, but in its own name: the message tells who checked.
        new("Residual", stack.Residual(stack.ReLU()), Ramp(2, 3), [3, 2]),
    ];

    private static (string Name, IModule Module)[] Layers(IStack stack) =>
    [
        .. Cases(stack).Select(c => (c.Name, c.Module)),
        ("Sequential", stack.Sequential(stack.Linear(3, 2, new TorchGenerator(1)), stack.ReLU())),
        ("empty Sequential", stack.Sequential()),
    ];

    // Every layer is tried and every failure listed, so one broken layer does not hide another.
    private static void ForEach<T>(string stackName, IEnumerable<T> layers, Func<T, string> name, Action<T> check)
    {
        var failures = new List<string>();
        foreach (T layer in layers)
        {
            try
            {
                check(layer);
            }
            catch (Exception e)
            {
                failures.Add($"{stackName} {name(layer)}: {e.Message}");
            }
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static void ForEachCase(string stackName, Action<Case> check) =>
        ForEach(stackName, Cases(Verification.Stacks.ByName(stackName)), c => c.Name, check);

    private static void ForEachLayer(string stackName, Action<IModule> check) =>
        ForEach(stackName, Layers(Verification.Stacks.ByName(stackName)), l => l.Name, l => check(l.Module));

    // Distinct values, so BatchNorm's variance is not zero and MaxPool has one maximum per window.
    private static Tensor Ramp(params int[] shape)
    {
        var x = new Tensor(shape);
        for (int i = 0; i < x.Length; i++) x[i] = 0.25f * (i % 7) - 0.5f + 0.01f * i;
        return x;
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Linear_refuses_a_null_generator_by_name(string stackName)
    {
        IStack stack = Verification.Stacks.ByName(stackName);

        var error = Assert.Throws<ArgumentNullException>(() => stack.Linear(3, 2, null!));

        Assert.Equal("generator", error.ParamName);
    }

    // Optimized Conv2d's initialisation would otherwise fail later with a NullReferenceException, not by name.
    [Theory]
    [MemberData(nameof(StackNames))]
    public void Conv2d_refuses_a_null_generator_by_name(string stackName)
    {
        IStack stack = Verification.Stacks.ByName(stackName);

        var error = Assert.Throws<ArgumentNullException>(() => stack.Conv2d(1, 2, 2, null!));

        Assert.Equal("generator", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void A_null_gradient_is_refused_by_name_even_before_any_forward(string stackName) =>
        ForEachLayer(stackName, module => Assert.Equal("gradOutput", Assert.Throws<ArgumentNullException>(() => module.Backward(null!)).ParamName));

    [Theory]
    [MemberData(nameof(StackNames))]
    public void A_null_gradient_is_refused_by_name_after_a_forward(string stackName) =>
        ForEachCase(stackName, c =>
        {
            c.Module.Forward(c.Input);

            var error = Assert.Throws<ArgumentNullException>(() => c.Module.Backward(null!));

            Assert.Equal("gradOutput", error.ParamName);
        });

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Backward_before_forward_names_the_layer(string stackName) =>
        ForEachCase(stackName, c =>
        {
            var error = Assert.Throws<InvalidOperationException>(() => c.Module.Backward(new Tensor(c.WrongGradientShape)));

            Assert.Equal($"{c.Name}: Backward called before Forward.", error.Message);
        });

    [Theory]
    [MemberData(nameof(StackNames))]
    public void A_gradient_of_another_shape_is_refused_naming_the_layer_and_both_shapes(string stackName) =>
        ForEachCase(stackName, c =>
        {
            string outputShape = c.Module.Forward(c.Input).ShapeText;
            var wrong = new Tensor(c.WrongGradientShape);

            var error = Assert.Throws<ArgumentException>(() => c.Module.Backward(wrong));

            Assert.Equal("gradOutput", error.ParamName);
            Assert.Contains($"{c.Name} backward", error.Message, StringComparison.Ordinal);
            Assert.Contains(outputShape, error.Message, StringComparison.Ordinal);
            Assert.Contains(wrong.ShapeText, error.Message, StringComparison.Ordinal);
        });

    [Theory]
    [MemberData(nameof(StackNames))]
    public void A_null_input_is_refused_by_name(string stackName) =>
        ForEachCase(stackName, c => Assert.Equal("input", Assert.Throws<ArgumentNullException>(() => c.Module.Forward(null!)).ParamName));

    [Theory]
    [MemberData(nameof(StackNames))]
    public void A_new_layer_is_in_training_mode(string stackName) =>
        ForEachLayer(stackName, module => Assert.True(module.IsTraining, "starts in eval mode"));

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
