using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Properties.Layers;
using Verification.Properties.Support;
using Xunit;
using O = Verification.Optimized;
using R = Verification.Reference;
using Tol = Verification.Properties.CrossChecks.CrossCheckTolerances;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// Optimized.Conv2d (im2col + the matrix product) ≡ Reference.Conv2d (the formula's loops) built from the same seed: the
/// same initial weights (bit for bit), and y, ∂x, ∂W and ∂b within <see cref="CrossCheckTolerances.Product"/> of the
/// magnitude of what each element sums, over two forward/backward rounds (reused buffers, accumulated gradients).
/// <para>
/// The magnitudes come from the same convolution on absolute values: <c>Σ|x·w| + |b|</c> is y of |x| through a layer
/// holding |W| and |b|, and backward of |g| through it gives <c>Σ|g·w|</c> (∂x) and <c>Σ|g·x|</c> (∂W).
/// </para>
/// </summary>
public class ConvCrossChecks
{
    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Conv2d_forward_and_all_gradients_agree_within_the_product_bound() =>
        Prop.ForAll(ConvArbitraries.ConvCase(), c =>
        {
            AgreeWithinTheProductBound(c);
            return true.ToProperty()
                .Classify(c.N == 1, "batch 1")
                .Classify(c.Groups > 1, "groups")
                .Classify(c.Kernel == 1 && c.Stride == 1 && c.Padding == 0, "pointwise (no packing)");
        });

    /// <summary>
    /// Cases that once failed, replayed: col2im's whole-row addition sliced the image at a tap's first column even when
    /// no output column read inside the image (a dilated tap beyond a narrow, padded input), which threw.
    /// </summary>
    public static TheoryData<ConvCase> Replayed() => new()
    {
        new ConvCase(2, 1, 1, 1, 4, 1, 2, 3, 8, 6, true, 2066759157),
        new ConvCase(1, 2, 1, 2, 3, 1, 2, 2, 5, 1, true, 0),
        new ConvCase(2, 2, 4, 1, 4, 1, 2, 3, 6, 6, true, 1901054371),
    };

    [Theory]
    [MemberData(nameof(Replayed))]
    public void Conv2d_replayed_cases_agree_within_the_product_bound(ConvCase c) => AgreeWithinTheProductBound(c);

    /// <summary>
    /// Output rows wider than im2col's short-row limit (16), which the random cases rarely reach: the whole-row path
    /// (clear the padded edges, copy the taps at stride 1, gather them at stride 2 or 3), from rows past the first, with
    /// padding and dilation. A mutation run left this path's source row, its stride test and its gather loop alive.
    /// </summary>
    public static TheoryData<ConvCase> WideRows() => new()
    {
        new ConvCase(1, 2, 2, 1, 3, 2, 1, 1, 9, 41, true, 7),
        new ConvCase(2, 1, 3, 1, 3, 1, 2, 2, 7, 30, false, 8),
        new ConvCase(1, 2, 1, 2, 2, 3, 0, 2, 8, 60, true, 9),
    };

    [Theory]
    [MemberData(nameof(WideRows))]
    public void Conv2d_with_rows_wider_than_the_short_row_limit_agrees_within_the_product_bound(ConvCase c)
    {
        Assert.True(c.OutWidth > 16 && c.OutHeight > 1, $"{c}: W_out {c.OutWidth}, H_out {c.OutHeight}");
        AgreeWithinTheProductBound(c);
    }

    private static void AgreeWithinTheProductBound(ConvCase c)
    {
        var reference = new R.Conv2d(c.InChannels, c.OutChannels, c.Kernel, c.Generator(), c.Stride, c.Padding, c.Dilation, c.Groups, c.Bias);
        var optimized = new O.Conv2d(c.InChannels, c.OutChannels, c.Kernel, c.Generator(), c.Stride, c.Padding, c.Dilation, c.Groups, c.Bias);
        Compare.Exact(reference.Weight.Value, optimized.Weight.Value, $"{c}: initial weight");
        if (c.Bias) Compare.Exact(reference.Bias!.Value, optimized.Bias!.Value, $"{c}: initial bias");

        var magnitudes = new R.Conv2d(c.InChannels, c.OutChannels, c.Kernel, c.Generator(), c.Stride, c.Padding, c.Dilation, c.Groups, c.Bias);
        Absolute(reference.Weight.Value, magnitudes.Weight.Value);
        if (c.Bias) Absolute(reference.Bias!.Value, magnitudes.Bias!.Value);

        // Terms per element: y sums C_in/groups·k·k taps and the bias; ∂x gathers up to C_out/groups·k·k products (the
        // Optimized side sums C_out/groups in the product, then up to k·k columns); ∂W and ∂b sum N·H_out·W_out per round.
        int outputTerms = c.InPerGroup * c.Kernel * c.Kernel + 1;
        int inputGradientTerms = (c.OutPerGroup + 1) * c.Kernel * c.Kernel;
        for (int round = 0; round < 2; round++)
        {
            Tensor x = c.X(round), g = c.GradOutput(round);
            string what = $"{c}, round {round + 1}";
            Tensor yRef = reference.Forward(x), yOpt = optimized.Forward(x).Clone();
            Tensor yMagnitude = magnitudes.Forward(Abs(x));
            Agreement.Within(yRef, yOpt, i => Tol.Product(outputTerms, yMagnitude[i]), $"{what}: y");

            Tensor dxRef = reference.Backward(g), dxOpt = optimized.Backward(g).Clone();
            Tensor dxMagnitude = magnitudes.Backward(Abs(g));
            Agreement.Within(dxRef, dxOpt, i => Tol.Product(inputGradientTerms, dxMagnitude[i]), $"{what}: ∂x");

            int parameterTerms = (round + 1) * (c.N * c.OutHeight * c.OutWidth + 1);
            Agreement.Within(reference.Weight.Grad, optimized.Weight.Grad,
                i => Tol.Product(parameterTerms, magnitudes.Weight.Grad[i]), $"{what}: ∂W");
            if (c.Bias)
            {
                Agreement.Within(reference.Bias!.Grad, optimized.Bias!.Grad,
                    i => Tol.Product(parameterTerms, magnitudes.Bias!.Grad[i]), $"{what}: ∂b");
            }
        }
    }

    [Property(MaxTest = PropertyCounts.Gradients)]
    public Property Conv2d_on_an_unbatched_input_equals_the_batch_of_one_on_both_stacks() =>
        Prop.ForAll(ConvArbitraries.ConvCase(), c =>
        {
            IModule[] layers =
            [
                new R.Conv2d(c.InChannels, c.OutChannels, c.Kernel, c.Generator(), c.Stride, c.Padding, c.Dilation, c.Groups, c.Bias),
                new O.Conv2d(c.InChannels, c.OutChannels, c.Kernel, c.Generator(), c.Stride, c.Padding, c.Dilation, c.Groups, c.Bias),
            ];
            Tensor x = Slice(c.X(), 0), g = Slice(c.GradOutput(), 0);
            foreach (IModule layer in layers)
            {
                string what = $"{c} ({layer.GetType().Namespace})";
                Tensor batched = layer.Forward(x.Reshape([1, .. x.Shape])).Clone();
                Tensor dxBatched = layer.Backward(g.Reshape([1, .. g.Shape])).Clone();
                Tensor unbatched = layer.Forward(x);
                Compare.Exact(batched.Reshape(unbatched.Shape), unbatched, $"{what}: unbatched y");
                Tensor dx = layer.Backward(g);
                Compare.Exact(dxBatched.Reshape(dx.Shape), dx, $"{what}: unbatched ∂x");
            }
            return true;
        });

    private static Tensor Abs(Tensor t)
    {
        var result = new Tensor(t.Shape);
        Absolute(t, result);
        return result;
    }

    private static void Absolute(Tensor source, Tensor destination)
    {
        for (int i = 0; i < source.Length; i++) destination[i] = Math.Abs(source[i]);
    }

    /// <summary>Sample <paramref name="n"/> of a batch, as a (C, H, W) tensor.</summary>
    private static Tensor Slice(Tensor batch, int n)
    {
        int[] shape = batch.Shape[1..];
        int size = batch.Length / batch.Size(0);
        return new Tensor(batch.Data.AsSpan(n * size, size).ToArray(), shape);
    }
}
