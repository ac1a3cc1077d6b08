using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// MaxPool2d, AvgPool2d and Flatten: both stacks perform the same float operations in the same order (the same scan and
/// first-maximum rule, the same row-by-row window sum and division, the same additions in output order backward), so y
/// and ∂x agree bit for bit, ties and NaN included, over two rounds (reused buffers).
/// </summary>
public class PoolingCrossChecks
{
    /// <summary>A pooling case: a (N, C, H, W) input (or (C, H, W) when <see cref="Unbatched"/>), kernel, stride, padding.</summary>
    public sealed record Case(int N, int C, int Height, int Width, int Kernel, int Stride, int Padding, bool Unbatched, bool Ties, ulong Seed)
    {
        public int[] Shape => Unbatched ? [C, Height, Width] : [N, C, Height, Width];

        public override string ToString() =>
            $"k={Kernel}, s={Stride}, pad={Padding} on {CrossCheckGen.Text(Shape)}{(Ties ? " with ties" : "")}, seed {Seed}";
    }

    private static Arbitrary<Case> Cases() =>
        (from n in Gen.Choose(1, 3)
         from c in Gen.Choose(1, 4)
         from kernel in Gen.Choose(1, 4)
         from stride in Gen.Choose(1, 3)
         from padding in Gen.Choose(0, kernel / 2)
         let minimum = Math.Max(1, kernel - 2 * padding)
         from height in Gen.Choose(minimum, Math.Max(minimum, 11))
         from width in Gen.Choose(minimum, Math.Max(minimum, 11))
         from unbatched in Gen.Frequency((4, Gen.Constant(false)), (1, Gen.Constant(true)))
         from ties in Gen.Elements(false, true)
         from seed in CrossCheckGen.Seed
         select new Case(n, c, height, width, kernel, stride, padding, unbatched, ties, seed)).ToArbitrary();

    /// <summary>Normal values, or (with ties) values on a grid of 0.5 in [−1, 1] with one NaN and one −∞ now and then.</summary>
    private static Tensor Input(Case c, int round)
    {
        Tensor x = CrossCheckGen.Randn(c.Seed + (ulong)round, 1f, c.Shape);
        if (!c.Ties) return x;
        var g = new TorchGenerator(c.Seed + 77);
        for (int i = 0; i < x.Length; i++)
        {
            uint w = g.Random();
            x[i] = (w % 64) switch { 0 => float.NaN, 1 => float.NegativeInfinity, _ => MathF.Round(Math.Clamp(x[i], -1f, 1f) * 2) / 2 };
        }
        return x;
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property MaxPool2d_AvgPool2d_and_Flatten_agree_bit_for_bit() =>
        Prop.ForAll(Cases(), c =>
        {
            (IModule Reference, IModule Optimized)[] pairs =
            [
                (new R.MaxPool2d(c.Kernel, c.Stride, c.Padding), new O.MaxPool2d(c.Kernel, c.Stride, c.Padding)),
                (new R.AvgPool2d(c.Kernel, c.Stride, c.Padding), new O.AvgPool2d(c.Kernel, c.Stride, c.Padding)),
                (new R.Flatten(), new O.Flatten()),
            ];
            foreach (var (reference, optimized) in pairs)
            {
                for (int round = 0; round < 2; round++)
                {
                    string what = $"{reference.GetType().Name} {c}, round {round + 1}";
                    Tensor x = Input(c, round);
                    Tensor yRef = reference.Forward(x), yOpt = optimized.Forward(x).Clone();
                    Compare.Exact(yRef, yOpt, $"{what}: y");
                    Tensor g = CrossCheckGen.Randn(c.Seed + 100 + (ulong)round, 1f, yRef.Shape);
                    Compare.Exact(reference.Backward(g), optimized.Backward(g), $"{what}: ∂x");
                }
            }
            return true.ToProperty().Classify(c.Ties, "ties, NaN and −∞").Classify(c.Padding > 0, "padding");
        });
}
