using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Layers;

/// <summary>
/// Conv2d, the pools, Flatten and BatchNorm2d refuse bad arguments and inputs in PyTorch's words, naming the argument,
/// before any state changes (no draw from the generator, no running statistic moved), identically on both stacks.
/// </summary>
public class ConvBadInputTests
{
    public static TheoryData<string> StackNames() => new(Stacks.Names());

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Conv2d_refuses_bad_hyper_parameters_before_drawing_its_weights(string stack)
    {
        IStack s = Stacks.ByName(stack);
        var generator = new TorchGenerator(5);
        void Refused(string parameter, string message, Action build)
        {
            var e = Assert.ThrowsAny<ArgumentOutOfRangeException>(build);
            Assert.Equal(parameter, e.ParamName);
            Assert.StartsWith(message, e.Message);
        }
        Refused("inChannels", "in_channels must be divisible by groups", () => s.Conv2d(3, 4, 3, generator, groups: 2));
        Refused("outChannels", "out_channels must be divisible by groups", () => s.Conv2d(4, 3, 3, generator, groups: 2));
        Refused("groups", "groups must be a positive integer", () => s.Conv2d(4, 4, 3, generator, groups: 0));
        Refused("stride", "non-positive stride is not supported", () => s.Conv2d(1, 1, 3, generator, stride: 0));
        Refused("padding", "negative padding is not supported", () => s.Conv2d(1, 1, 3, generator, padding: -1));
        Refused("dilation", "dilation should be greater than zero", () => s.Conv2d(1, 1, 3, generator, dilation: 0));
        Refused("kernelSize", "kernel size should be greater than zero, but got kH: 0 kW: 0", () => s.Conv2d(1, 1, 0, generator));
        Assert.Equal(new TorchGenerator(5).Random(), generator.Random());
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Conv2d_refuses_bad_inputs_in_PyTorch_words(string stack)
    {
        IModule layer = Stacks.ByName(stack).Conv2d(3, 4, 3, new TorchGenerator(0), padding: 1, dilation: 2);
        void Refused(Tensor input, string message)
        {
            var e = Assert.Throws<ArgumentException>(() => layer.Forward(input));
            Assert.Equal("input", e.ParamName);
            Assert.StartsWith(message, e.Message);
        }
        Refused(new Tensor(2, 3), "Expected 3D (unbatched) or 4D (batched) input to conv2d, but got input of size: [2, 3]");
        Refused(new Tensor(2, 5, 8, 8),
            "Given groups=1, weight of size [4, 3, 3, 3], expected input[2, 5, 8, 8] to have 3 channels, but got 5 channels instead");
        Refused(new Tensor(1, 3, 2, 8),
            "Calculated padded input size per channel: (4 x 10). Kernel size: (5 x 5). Kernel size can't be greater than actual input size");
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Conv2d_backward_refuses_a_gradient_of_the_wrong_shape_and_keeps_its_gradients(string stack)
    {
        IModule layer = Stacks.ByName(stack).Conv2d(2, 3, 3, new TorchGenerator(0));
        layer.Forward(new TorchGenerator(1).Randn(2, 2, 5, 5));
        var e = Assert.Throws<ArgumentException>(() => layer.Backward(new Tensor(2, 3, 4, 4)));
        Assert.Equal("gradOutput", e.ParamName);
        Assert.Contains("[2, 3, 3, 3]", e.Message);
        Assert.All(layer.NamedParameters(), p => Assert.All(p.Parameter.Grad.Data, v => Assert.Equal(0f, v)));
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Pooling_layers_refuse_bad_hyper_parameters_and_inputs_in_PyTorch_words(string stack)
    {
        IStack s = Stacks.ByName(stack);
        foreach (Func<int, int?, int, IModule> create in new Func<int, int?, int, IModule>[] { s.MaxPool2d, s.AvgPool2d })
        {
            var e = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => create(3, null, 2));
            Assert.Equal("padding", e.ParamName);
            Assert.StartsWith("pad should be at most half of effective kernel size, but got pad=2, kernel_size=3 and dilation=1", e.Message);
            e = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => create(0, null, 0));
            Assert.Equal("kernelSize", e.ParamName);
            e = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => create(2, 0, 0));
            Assert.StartsWith("stride should be greater than zero, but got dH: 0 dW: 0", e.Message);

            IModule pool = create(3, 1, 0);
            var bad = Assert.Throws<ArgumentException>(() => pool.Forward(new Tensor(4, 5)));
            Assert.Equal("input", bad.ParamName);
            Assert.StartsWith("Expected 3D or 4D (batch mode) tensor with optional 0 dim batch size for input, but got:[4, 5]", bad.Message);
            bad = Assert.Throws<ArgumentException>(() => pool.Forward(new Tensor(1, 3, 2, 2)));
            Assert.StartsWith("Given input size: (3x2x2). Calculated output size: (3x0x0). Output size is too small", bad.Message);
        }
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Flatten_refuses_a_one_dimensional_input(string stack)
    {
        var e = Assert.Throws<ArgumentException>(() => Stacks.ByName(stack).Flatten().Forward(new Tensor(5)));
        Assert.Equal("input", e.ParamName);
        Assert.StartsWith("Dimension out of range (expected to be in range of [-1, 0], but got 1)", e.Message);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void BatchNorm2d_refuses_bad_inputs_and_keeps_its_running_statistics(string stack)
    {
        IModule layer = Stacks.ByName(stack).BatchNorm2d(3);
        layer.Forward(new TorchGenerator(3).Randn(2, 3, 2, 2));
        float[][] before = layer.NamedBuffers().Select(b => b.Value.Data.ToArray()).ToArray();
        void Refused(Tensor input, string message)
        {
            var e = Assert.Throws<ArgumentException>(() => layer.Forward(input));
            Assert.Equal("input", e.ParamName);
            Assert.StartsWith(message, e.Message);
        }
        Refused(new Tensor(2, 3, 4), "expected 4D input (got 3D input)");
        Refused(new Tensor(2, 4, 2, 2), "running_mean should contain 4 elements not 3");
        Refused(new Tensor(1, 3, 1, 1), "Expected more than 1 value per channel when training, got input size [1, 3, 1, 1]");
        float[][] after = layer.NamedBuffers().Select(b => b.Value.Data.ToArray()).ToArray();
        for (int b = 0; b < before.Length; b++) Compare.Exact(before[b], after[b], $"buffer {b}");
        layer.Eval();
        Assert.Equal([1, 3, 1, 1], layer.Forward(new Tensor(1, 3, 1, 1)).Shape);
    }
}
