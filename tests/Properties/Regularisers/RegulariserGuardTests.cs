using Verification.Core;
using Verification.Core.Random;
using Xunit;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.Regularisers;

/// <summary>
/// The guards of DropConnect's and StochasticDepth's <c>Kept</c> test hooks and of a null gradient, on both stacks:
/// <c>Kept</c> before any Forward names the layer, an index outside the latest weight or batch is refused by argument
/// name and value, and a null gradient is refused by name even before any Forward. Mutation testing of the Reference
/// (docs/reliability.md, "Mutation testing") found them unchecked.
/// </summary>
public class RegulariserGuardTests
{
    public static TheoryData<string> StackNames() => [.. RegulariserTable.Stacks];

    private static IModule DropConnect(string stack) => RegulariserTable.DropConnect(stack)(3, 2, 0.5, new TorchGenerator(7));

    private static bool KeptWeight(IModule layer, int output, int input) =>
        layer is R.DropConnect r ? r.Kept(output, input) : ((O.DropConnect)layer).Kept(output, input);

    private static IModule StochasticDepth(string stack) => RegulariserTable.StochasticDepth(stack, "row")(0.5, new TorchGenerator(7));

    private static bool KeptSample(IModule layer, int sample) =>
        layer is R.StochasticDepth r ? r.Kept(sample) : ((O.StochasticDepth)layer).Kept(sample);

    [Theory]
    [MemberData(nameof(StackNames))]
    public void DropConnect_Kept_before_forward_names_the_layer(string stack)
    {
        var error = Assert.Throws<InvalidOperationException>(() => KeptWeight(DropConnect(stack), 0, 0));

        Assert.Equal("DropConnect: Backward called before Forward.", error.Message);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void DropConnect_Kept_refuses_a_weight_outside_W_and_answers_for_its_corners(string stack)
    {
        IModule layer = DropConnect(stack);
        layer.Forward(Tensor.Ones(4, 3));

        foreach (var (output, input, name, value) in new[] { (-1, 0, "output", -1), (2, 0, "output", 2), (0, -1, "input", -1), (0, 3, "input", 3) })
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => KeptWeight(layer, output, input));
            Assert.Equal(name, error.ParamName);
            Assert.Contains($"'{value}'", error.Message);
        }
        _ = KeptWeight(layer, 0, 0);
        _ = KeptWeight(layer, 1, 2);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void StochasticDepth_Kept_before_forward_names_the_layer(string stack)
    {
        var error = Assert.Throws<InvalidOperationException>(() => KeptSample(StochasticDepth(stack), 0));

        Assert.Equal("StochasticDepth: Backward called before Forward.", error.Message);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void StochasticDepth_Kept_refuses_a_sample_outside_the_latest_batch_and_answers_for_both_ends(string stack)
    {
        IModule layer = StochasticDepth(stack);
        layer.Forward(Tensor.Ones(4, 3));

        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => KeptSample(layer, -1));
        var past = Assert.Throws<ArgumentOutOfRangeException>(() => KeptSample(layer, 4));

        Assert.Equal("sample", negative.ParamName);
        Assert.Equal("sample", past.ParamName);
        Assert.Contains("'4'", past.Message);
        _ = KeptSample(layer, 0);
        _ = KeptSample(layer, 3);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void A_null_gradient_is_refused_first_even_before_any_forward(string stack)
    {
        foreach (IModule layer in new[] { DropConnect(stack), StochasticDepth(stack) })
        {
            var error = Assert.Throws<ArgumentNullException>(() => layer.Backward(null!));

            Assert.Equal("gradOutput", error.ParamName);
        }
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void StochasticDepth_refuses_a_null_generator_when_it_is_built(string stack)
    {
        var error = Assert.Throws<ArgumentNullException>(() => RegulariserTable.StochasticDepth(stack, "batch")(0.5, null!));

        Assert.Equal("generator", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Backward_before_forward_and_a_gradient_of_another_shape_name_the_layer(string stack)
    {
        // Both take x: (4, 3); DropConnect(3, 2) answers (4, 2), StochasticDepth the input's shape.
        var layers = new[] { (DropConnect(stack), "DropConnect", new[] { 4, 2 }), (StochasticDepth(stack), "StochasticDepth", new[] { 4, 3 }) };
        foreach (var (layer, name, shape) in layers)
        {
            var early = Assert.Throws<InvalidOperationException>(() => layer.Backward(new Tensor(shape)));
            Assert.Equal($"{name}: Backward called before Forward.", early.Message);

            layer.Forward(Tensor.Ones(4, 3));
            var wrong = Assert.Throws<ArgumentException>(() => layer.Backward(new Tensor(4, 5)));
            Assert.Equal("gradOutput", wrong.ParamName);
            Assert.StartsWith($"{name} backward: grad_output must have the shape of the latest output, [{shape[0]}, {shape[1]}], " +
                "but got [4, 5].", wrong.Message);
        }
    }
}

