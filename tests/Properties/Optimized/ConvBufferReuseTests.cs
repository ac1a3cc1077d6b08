using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using Xunit;
using O = Verification.Optimized;

namespace Verification.Properties.Optimized;

/// <summary>
/// Optimized.Conv2d keeps its column matrices across calls, and an image of another shape with the same number of outputs
/// (6×8, then 8×6) reuses them with the rows laid out differently: every entry a padded tap reads as zero must be written
/// as zero again. So a layer that has seen the other shape first gives the same y, ∂x, ∂W and ∂b, bit for bit, as a fresh
/// layer with the same weights. Short output rows (written element by element) and wide ones (span copies) both.
/// </summary>
public class ConvBufferReuseTests
{
    [Theory]
    [InlineData(6, 8, 8, 6, 1)]     // short rows before and after
    [InlineData(20, 36, 36, 20, 1)] // wide rows before and after
    [InlineData(48, 12, 12, 48, 1)] // wide rows, then short
    [InlineData(12, 48, 48, 12, 1)] // short rows, then wide
    [InlineData(12, 14, 14, 12, 2)] // stride 2: 6×7 outputs, then 7×6
    public void A_layer_reused_for_another_image_size_equals_a_fresh_one(int firstHeight, int firstWidth, int height, int width, int stride)
    {
        var reused = new O.Conv2d(2, 3, 3, new TorchGenerator(4), stride: stride, padding: 1);
        var fresh = new O.Conv2d(2, 3, 3, new TorchGenerator(4), stride: stride, padding: 1);
        var data = new TorchGenerator(9);
        Tensor earlier = data.Randn(2, 2, firstHeight, firstWidth);
        reused.Backward(data.Randn(reused.Forward(earlier).Shape));
        reused.Weight.Grad.Data.AsSpan().Clear();
        reused.Bias!.Grad.Data.AsSpan().Clear();

        string what = $"Conv2d(2, 3, k=3, s={stride}, pad=1) on {height}×{width} after {firstHeight}×{firstWidth}";
        AssertSameAsFresh(reused, fresh, data.Randn(2, 2, height, width), data, what);
        Compare.Exact(fresh.Bias!.Grad, reused.Bias!.Grad, $"{what}: ∂b");
    }

    /// <summary>
    /// Three sizes in turn, then the first again: each buffer's spare then holds a size two steps back, which must be
    /// refused by its whole shape, not its rank (a spare of the right rank and the wrong sizes would be handed out).
    /// </summary>
    [Fact]
    public void A_layer_reused_for_three_image_sizes_in_turn_equals_a_fresh_one_each_time()
    {
        var reused = new O.Conv2d(2, 3, 3, new TorchGenerator(4), padding: 1);
        var data = new TorchGenerator(9);
        foreach (var (height, width) in new[] { (6, 8), (20, 36), (12, 14), (6, 8) })
        {
            var fresh = new O.Conv2d(2, 3, 3, new TorchGenerator(4), padding: 1);
            reused.Weight.Grad.Data.AsSpan().Clear();
            reused.Bias!.Grad.Data.AsSpan().Clear();
            AssertSameAsFresh(reused, fresh, data.Randn(2, 2, height, width), data, $"Conv2d(2, 3, k=3, pad=1) on {height}×{width}");
        }
    }

    /// <summary>y, then ∂x and ∂W for one gradient drawn from <paramref name="data"/>: the reused layer's bit for bit the fresh one's.</summary>
    private static void AssertSameAsFresh(O.Conv2d reused, O.Conv2d fresh, Tensor x, TorchGenerator data, string what)
    {
        Tensor y = reused.Forward(x).Clone(), yFresh = fresh.Forward(x);
        Compare.Exact(yFresh, y, $"{what}: y");
        Tensor g = data.Randn(y.Shape);
        Compare.Exact(fresh.Backward(g), reused.Backward(g), $"{what}: ∂x");
        Compare.Exact(fresh.Weight.Grad, reused.Weight.Grad, $"{what}: ∂W");
    }
}
