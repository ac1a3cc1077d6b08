using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using Xunit;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// Optimized Dropout2d cuts inputs of 2¹⁸ elements or more into pieces of whole planes (about 1 MB of x each) that the
/// caller and the helper thread share; <see cref="DropoutCrossChecks"/> draws shapes far below that, so only one piece
/// ever runs there. These shapes cut into 2 and 3 pieces with ragged plane boundaries or a cap at the plane count, and
/// every plane must still be scaled exactly once, bit for bit as the Reference scales it, forward and backward. The
/// last shape is streamed (at least 256 KiB of output) and ends on a mask word: a tail loop that ran one element past
/// its piece would read a third word, which does not exist.
/// </summary>
public class Dropout2dLargeInputCrossChecks
{
    [Theory]
    [InlineData(1, 7, 120_000)]        // 840 000 elements: 3 pieces of 2, 2 and 3 planes
    [InlineData(2, 3, 300, 300)]       // 540 000 elements: 2 pieces of 3 planes
    [InlineData(1, 2, 1, 400_000)]     // 800 000 elements: 3 pieces by size, capped at the 2 planes
    [InlineData(2, 64, 32, 32)]        // 131 072 elements: one piece, streamed; its 128 planes fill the mask's 2 words
    public void Every_piece_scales_its_own_planes_as_the_Reference_does(params int[] shape)
    {
        const double p = 0.4;
        var gRef = new TorchGenerator(21);
        var gOpt = new TorchGenerator(21);
        var reference = new R.Dropout2d(p, gRef);
        var optimized = new O.Dropout2d(p, gOpt);
        Tensor x = CrossCheckGen.NonZero(5, shape);
        Tensor g = CrossCheckGen.Randn(6, 1f, shape);
        string what = $"Dropout2d(p = {p}) on {CrossCheckGen.Text(shape)}";
        Tensor yRef = reference.Forward(x), yOpt = optimized.Forward(x);
        int planes = shape[0] * shape[1];
        Assert.Contains(Enumerable.Range(0, planes), k => reference.Kept(k));
        Assert.Contains(Enumerable.Range(0, planes), k => !reference.Kept(k));
        Compare.Exact(yRef, yOpt, $"{what}: y");
        Compare.Exact(reference.Backward(g), optimized.Backward(g), $"{what}: ∂x");
        Agreement.SameGeneratorState(gRef, gOpt, what);
    }
}
