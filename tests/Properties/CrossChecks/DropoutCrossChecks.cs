using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using Xunit.Sdk;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// Dropout and Dropout2d: both stacks draw the same uniforms in the same order and multiply by the same float scale,
/// so everything is bit for bit — the mask (which elements or planes are kept), the kept values, the input gradient,
/// and the generator's state after each pass (the same number of draws). Several passes in a row cover the fused
/// kernel's 512-element chunks and the mask words across calls; eval mode, p = 0 and p = 1 draw nothing.
/// </summary>
public class DropoutCrossChecks
{
    /// <summary>A dropout case: shape, p, training or eval, passes in a row, seed.</summary>
    public sealed record Case(int[] Shape, double P, bool Training, int Passes, ulong Seed)
    {
        public override string ToString() =>
            $"p = {P} on {CrossCheckGen.Text(Shape)} ({(Training ? "train" : "eval")}, {Passes} passes), seed {Seed}";
    }

    private static Arbitrary<Case> Cases(Gen<int[]> shapes) =>
        (from shape in shapes
         from p in CrossCheckGen.P
         from training in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
         from passes in Gen.Choose(1, 3)
         from seed in CrossCheckGen.Seed
         select new Case(shape, p, training, passes, seed)).ToArbitrary();

    /// <summary>(N, C, H, W) and (N, C, L) with N·C around the 64-plane mask word and planes of 1 to 17×17 elements.</summary>
    private static Gen<int[]> ChannelShapes { get; } = Gen.OneOf(
        from n in Gen.Choose(1, 5)
        from c in CrossCheckGen.Dim(40)
        from h in CrossCheckGen.Dim(17)
        from w in Gen.Choose(1, 9)
        select new[] { n, c, h, w },
        from n in Gen.Choose(1, 5) from c in CrossCheckGen.Dim(40) from l in CrossCheckGen.Dim(40) select new[] { n, c, l },
        Gen.Elements(new[] { 1, 63, 3 }, new[] { 1, 64, 1, 1 }, new[] { 5, 13, 2 }, new[] { 2, 65, 2, 2 }, new[] { 1, 1, 1, 1 }));

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Dropout_masks_values_gradients_and_draws_are_bit_identical() =>
        CheckDropout((p, g) => new O.Dropout(p, g));

    /// <summary>The Dropout check against any implementation (public so a broken one can be shown to fail it).</summary>
    public static Property CheckDropout(Func<double, TorchGenerator, IModule> create) =>
        Prop.ForAll(Cases(CrossCheckGen.AnyShape), c =>
        {
            var gRef = new TorchGenerator(c.Seed);
            var gOpt = new TorchGenerator(c.Seed);
            var reference = new R.Dropout(c.P, gRef);
            IModule optimized = create(c.P, gOpt);
            reference.SetTraining(c.Training);
            optimized.SetTraining(c.Training);
            for (int pass = 0; pass < c.Passes; pass++)
            {
                string what = $"{c}, pass {pass + 1}";
                Tensor x = CrossCheckGen.NonZero(c.Seed + 1 + (ulong)pass, c.Shape);
                Tensor g = CrossCheckGen.Randn(c.Seed + 100 + (ulong)pass, 1f, c.Shape);
                Tensor yRef = reference.Forward(x), yOpt = optimized.Forward(x).Clone();
                for (int i = 0; optimized is O.Dropout fast && i < x.Length; i++)
                {
                    if (reference.Kept(i) != fast.Kept(i))
                    {
                        throw new XunitException(
                            $"{what}: element {i} is {(reference.Kept(i) ? "kept" : "dropped")} by Reference but not by Optimized.");
                    }
                }
                Agreement.SameZeros(yRef.Data, yOpt.Data, $"{what}: dropped elements");
                Compare.Exact(yRef, yOpt, $"{what}: y");
                Compare.Exact(reference.Backward(g), optimized.Backward(g), $"{what}: ∂x");
            }
            Agreement.SameGeneratorState(gRef, gOpt, c.ToString());
            return true.ToProperty().Classify(c.P is 0 or 1, "p = 0 or 1").Classify(!c.Training, "eval");
        });

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Dropout2d_drops_the_same_channels_with_bit_identical_values_gradients_and_draws() =>
        Prop.ForAll(Cases(ChannelShapes), c =>
        {
            var gRef = new TorchGenerator(c.Seed);
            var gOpt = new TorchGenerator(c.Seed);
            var reference = new R.Dropout2d(c.P, gRef);
            var optimized = new O.Dropout2d(c.P, gOpt);
            reference.SetTraining(c.Training);
            optimized.SetTraining(c.Training);
            int planes = c.Shape[0] * c.Shape[1], plane = c.Shape.Skip(2).Aggregate(1, (a, b) => a * b);
            for (int pass = 0; pass < c.Passes; pass++)
            {
                string what = $"Dropout2d {c}, pass {pass + 1}";
                Tensor x = CrossCheckGen.NonZero(c.Seed + 1 + (ulong)pass, c.Shape);
                Tensor g = CrossCheckGen.Randn(c.Seed + 100 + (ulong)pass, 1f, c.Shape);
                Tensor yRef = reference.Forward(x), yOpt = optimized.Forward(x).Clone();
                // Whole planes: the same planes kept, and plane k of the Optimized output all zeros exactly when dropped.
                for (int k = 0; k < planes; k++)
                {
                    if (reference.Kept(k) != optimized.Kept(k))
                    {
                        throw new XunitException(
                            $"{what}: plane {k} is {(reference.Kept(k) ? "kept" : "dropped")} by Reference but not by Optimized.");
                    }
                    for (int j = 0; j < plane && c.Training && c.P > 0; j++)
                    {
                        if (!reference.Kept(k) != (yOpt[k * plane + j] == 0))
                        {
                            throw new XunitException($"{what}: plane {k} (element {j}) is " +
                                $"{(reference.Kept(k) ? "kept" : "dropped")} by Reference but not by Optimized.");
                        }
                    }
                }
                Compare.Exact(yRef, yOpt, $"{what}: y");
                Compare.Exact(reference.Backward(g), optimized.Backward(g), $"{what}: ∂x");
            }
            Agreement.SameGeneratorState(gRef, gOpt, $"Dropout2d {c}");
            return true.ToProperty().Classify(c.Shape.Length == 3, "3-D").Classify(c.Shape.Length == 4, "4-D");
        });
}
