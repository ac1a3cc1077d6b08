using FsCheck;
using FsCheck.Fluent;
using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.Layers;

/// <summary>
/// One generated convolution case: <c>Conv2d(Groups·InPerGroup, Groups·OutPerGroup, Kernel, Stride, Padding, Dilation,
/// Groups)</c> on an (N, C_in, Height, Width) input, and the seed its weights, inputs and upstream gradients come from.
/// Height and Width are at least the dilated kernel minus the padding on both sides, so the output is never empty.
/// </summary>
public sealed record ConvCase(int N, int InPerGroup, int OutPerGroup, int Groups, int Kernel, int Stride, int Padding,
    int Dilation, int Height, int Width, bool Bias, ulong Seed)
{
    /// <summary>C_in.</summary>
    public int InChannels => InPerGroup * Groups;

    /// <summary>C_out.</summary>
    public int OutChannels => OutPerGroup * Groups;

    /// <summary>H_out = ⌊(H + 2·pad − d·(k − 1) − 1)/s⌋ + 1.</summary>
    public int OutHeight => (Height + 2 * Padding - Dilation * (Kernel - 1) - 1) / Stride + 1;

    /// <summary>W_out, as <see cref="OutHeight"/>.</summary>
    public int OutWidth => (Width + 2 * Padding - Dilation * (Kernel - 1) - 1) / Stride + 1;

    /// <summary>The input's shape.</summary>
    public int[] InputShape => [N, InChannels, Height, Width];

    /// <summary>The output's shape.</summary>
    public int[] OutputShape => [N, OutChannels, OutHeight, OutWidth];

    /// <summary>The generator the layer's initialisation draws from (<c>torch.manual_seed(Seed)</c>).</summary>
    public TorchGenerator Generator() => new(Seed);

    /// <summary>Values uniform in [<paramref name="low"/>, <paramref name="high"/>) from a stream of this case.</summary>
    public Tensor Uniform(int stream, double low, double high, params int[] shape)
    {
        var g = new TorchGenerator(Seed ^ (0xC0DE_0000UL + (ulong)stream));
        var t = new Tensor(shape);
        g.Uniform(t.Data, low, high);
        return t;
    }

    /// <summary>x: uniform in [−2, 2).</summary>
    public Tensor X(int round = 0) => Uniform(1 + 10 * round, -2, 2, InputShape);

    /// <summary>An upstream gradient shaped like the output, uniform in [−1, 1).</summary>
    public Tensor GradOutput(int round = 0) => Uniform(2 + 10 * round, -1, 1, OutputShape);

    /// <inheritdoc/>
    public override string ToString() =>
        $"Conv2d({InChannels}, {OutChannels}, k={Kernel}, s={Stride}, pad={Padding}, d={Dilation}, groups={Groups}, bias={Bias}) " +
        $"on ({N}, {InChannels}, {Height}, {Width}), seed {Seed}";
}

/// <summary>The FsCheck generators of the convolution properties.</summary>
public static class ConvArbitraries
{
    /// <summary>
    /// Small cases (batch 1 often, odd sizes, every stride/padding/dilation/groups combination), and now and then channel
    /// counts at the matrix product's vector edges (16, 17, 33 outputs per group) or a plane of 32+ columns.
    /// </summary>
    public static Gen<ConvCase> Cases(int maxSide = 9) =>
        from n in Gen.Frequency((2, Gen.Constant(1)), (3, Gen.Choose(2, 3)))
        from inPerGroup in Gen.Choose(1, 4)
        from outPerGroup in Gen.Frequency((9, Gen.Choose(1, 4)), (1, Gen.Elements(16, 17, 33)))
        from groups in Gen.Frequency((3, Gen.Constant(1)), (2, Gen.Choose(2, 3)))
        from kernel in Gen.Choose(1, 4)
        from stride in Gen.Choose(1, 3)
        from dilation in Gen.Frequency((3, Gen.Constant(1)), (1, Gen.Choose(2, 3)))
        from padding in Gen.Choose(0, 2)
        let minimum = Math.Max(1, dilation * (kernel - 1) + 1 - 2 * padding)
        from height in Gen.Choose(minimum, Math.Max(minimum, maxSide))
        from width in Gen.Choose(minimum, Math.Max(minimum, maxSide))
        from bias in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
        from seed in LayerArbitraries.Seeds()
        select new ConvCase(n, inPerGroup, outPerGroup, groups, kernel, stride, padding, dilation, height, width, bias, seed);

    /// <summary>FsCheck's entry for <see cref="ConvCase"/> arguments.</summary>
    public static Arbitrary<ConvCase> ConvCase() => Cases().ToArbitrary();

    /// <summary>
    /// Cases small enough for centred differences (2 forward passes per input and parameter): batch ≤ 2, at most two
    /// channels per group and two groups, kernel ≤ 3, sides ≤ 5, still with every stride, padding and dilation.
    /// </summary>
    public static Arbitrary<ConvCase> SmallConvCase() =>
        (from n in Gen.Choose(1, 2)
         from inPerGroup in Gen.Choose(1, 2)
         from outPerGroup in Gen.Choose(1, 2)
         from groups in Gen.Choose(1, 2)
         from kernel in Gen.Choose(1, 3)
         from stride in Gen.Choose(1, 2)
         from dilation in Gen.Choose(1, 2)
         from padding in Gen.Choose(0, 2)
         let minimum = Math.Max(1, dilation * (kernel - 1) + 1 - 2 * padding)
         from height in Gen.Choose(minimum, Math.Max(minimum, 5))
         from width in Gen.Choose(minimum, Math.Max(minimum, 5))
         from bias in Gen.Elements(true, false)
         from seed in LayerArbitraries.Seeds()
         select new ConvCase(n, inPerGroup, outPerGroup, groups, kernel, stride, padding, dilation, height, width, bias, seed)).ToArbitrary();
}
