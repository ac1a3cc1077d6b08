using Verification.Core;
using Verification.Parity;
using Verification.Properties.Golden;
using Verification.Properties.Laws;
using Verification.Properties.Layers.Broken;
using Xunit;
using Xunit.Sdk;

namespace Verification.Properties.Layers;

/// <summary>
/// The known-wrong convolution layers in <c>Broken/</c> are rejected: each by the check that can see its bug (PyTorch's
/// output, the gradient law, the tie law), and the same checks accept the real layers, so a rejection means the bug.
/// </summary>
public class BrokenConvTests
{
    private static readonly ConvCase Padded = new(2, 2, 3, 1, 3, 1, 1, 1, 5, 4, true, 42);

    private static void GoldenConv(GoldenCase c, Func<GoldenCase, IModule> create)
    {
        var check = new CaseCheck();
        ConvGoldenCases.RunConv(c, create(c), check);
        GoldenParity.Assert(check, c.Name);
    }

    private static IModule BrokenFor(GoldenCase c, ConvBug bug) =>
        BrokenConv2d.For((int)c.Param("in_channels"), (int)c.Param("out_channels"), (int)c.Param("kernel_size"), (int)c.Param("stride"),
            (int)c.Param("padding"), (int)c.Param("dilation"), (int)c.Param("groups"), c.Has("bias"), c.Seed, bug);

    private static IEnumerable<GoldenCase> ConvCases() => GoldenParity.Cases("conv.json").Where(c => c.Op == "Conv2d");

    [Fact]
    public void PyTorch_output_rejects_a_transposed_kernel_index_that_the_gradient_law_cannot_see()
    {
        ConvLaws.GradientMatchesCentredDifferences(Padded, k => new BrokenConv2d(k, ConvBug.TransposedKernel));
        foreach (var c in ConvCases().Where(c => c.Param("kernel_size") > 1))
        {
            var failure = Assert.ThrowsAny<XunitException>(() => GoldenConv(c, g => BrokenFor(g, ConvBug.TransposedKernel)));
            Assert.Contains("y:", failure.Message);
        }
    }

    [Fact]
    public void The_gradient_law_and_PyTorch_output_reject_a_backward_without_the_padding_offset()
    {
        var failure = Assert.ThrowsAny<XunitException>(() =>
            ConvLaws.GradientMatchesCentredDifferences(Padded, k => new BrokenConv2d(k, ConvBug.BackwardWithoutPaddingOffset)));
        Assert.Contains("∂S/∂", failure.Message);
        foreach (var c in ConvCases().Where(c => c.Param("padding") > 0))
        {
            failure = Assert.ThrowsAny<XunitException>(() => GoldenConv(c, g => BrokenFor(g, ConvBug.BackwardWithoutPaddingOffset)));
            Assert.Contains("grad_", failure.Message);
        }
    }

    [Theory]
    [InlineData(2, 2, 0)]
    [InlineData(3, 2, 1)]
    public void The_tie_law_rejects_routing_ties_to_the_last_maximum(int kernel, int stride, int padding)
    {
        var failure = Assert.ThrowsAny<XunitException>(() =>
            ConvLaws.MaxPoolRoutesTiesToTheFirstMaximum(new MaxPool2dRoutingTiesToTheLastMaximum(kernel, stride, padding), kernel, stride, padding));
        Assert.Contains("first maximum", failure.Message);
    }

    [Fact]
    public void The_checks_accept_the_real_layers_so_a_rejection_means_the_bug()
    {
        ConvLaws.GradientMatchesCentredDifferences(Padded, k => new Reference.Conv2d(k.InChannels, k.OutChannels, k.Kernel, k.Generator(),
            k.Stride, k.Padding, k.Dilation, k.Groups, k.Bias));
        foreach (var c in ConvCases())
        {
            GoldenConv(c, g => new Reference.Conv2d((int)g.Param("in_channels"), (int)g.Param("out_channels"), (int)g.Param("kernel_size"),
                new Core.Random.TorchGenerator(g.Seed), (int)g.Param("stride"), (int)g.Param("padding"), (int)g.Param("dilation"),
                (int)g.Param("groups"), g.Has("bias")));
        }
        ConvLaws.MaxPoolRoutesTiesToTheFirstMaximum(new Reference.MaxPool2d(3, 2, 1), 3, 2, 1);
    }
}
