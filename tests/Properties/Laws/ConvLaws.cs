using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Layers;
using Verification.Properties.Support;
using Xunit.Sdk;

namespace Verification.Properties.Laws;

/// <summary>
/// The laws of the convolution layers as functions over a module factory, so the same check runs on both stacks and on
/// the known-wrong implementations in <c>Broken/</c>. Each throws an xunit failure naming the case and the element.
/// </summary>
public static class ConvLaws
{
    /// <summary>Conv2d's ∂x, ∂W and ∂b agree with centred differences of its forward.</summary>
    public static void GradientMatchesCentredDifferences(ConvCase c, Func<ConvCase, IModule> create) =>
        GradientCheck.Module(create(c), c.X(), c.GradOutput(), what: c.ToString());

    /// <summary>
    /// MaxPool2d's ∂x agrees with centred differences when every window's values differ by more than 2·step: the input
    /// is a random permutation of a grid of values 0.05 apart, so no perturbation changes which tap wins.
    /// </summary>
    public static void MaxPoolGradientMatchesAwayFromTies(int[] shape, int kernel, int stride, int padding, ulong seed, IModule layer)
    {
        var x = new Tensor(shape);
        int[] order = new TorchGenerator(seed).Randperm(x.Length);
        for (int i = 0; i < x.Length; i++) x[i] = (order[i] - x.Length / 2) * 0.05f;
        Tensor y = layer.Forward(x);
        Tensor g = new TorchGenerator(seed + 1).Rand(y.Shape);
        GradientCheck.Module(layer, x, g, what: $"MaxPool2d(k={kernel}, s={stride}, pad={padding}) on {Shapes.Format(shape)}, seed {seed}");
    }

    /// <summary>
    /// A window of equal values sends its whole gradient to its first tap in row-major order (ATen's
    /// <c>val &gt; maxval</c> scan): with x all ones, ∂x is g at each window's top-left tap inside the input, 0 elsewhere.
    /// </summary>
    public static void MaxPoolRoutesTiesToTheFirstMaximum(IModule layer, int kernel, int stride, int padding)
    {
        int height = 7, width = 6;
        Tensor x = Tensor.Ones(2, height, width);
        Tensor y = layer.Forward(x);
        Tensor g = new TorchGenerator(3).Rand(y.Shape);
        for (int i = 0; i < g.Length; i++) g[i] += 1f;
        Tensor dx = layer.Backward(g);
        var expected = new float[x.Length];
        int outHeight = y.Size(1), outWidth = y.Size(2);
        for (int plane = 0; plane < 2; plane++)
        {
            for (int i = 0; i < outHeight; i++)
            {
                for (int j = 0; j < outWidth; j++)
                {
                    int row = Math.Max(i * stride - padding, 0), column = Math.Max(j * stride - padding, 0);
                    expected[(plane * height + row) * width + column] += g[(plane * outHeight + i) * outWidth + j];
                }
            }
        }
        for (int i = 0; i < expected.Length; i++)
        {
            if (dx[i] != expected[i])
            {
                throw new XunitException(
                    $"MaxPool2d(k={kernel}, s={stride}, pad={padding}) on a tied (2, {height}, {width}) input: ∂x[{i}] is {dx[i]:R}, " +
                    $"but the first maximum of each window should get its gradient ({expected[i]:R}).");
            }
        }
    }
}
