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
/// Optimized.Linear ≡ Reference.Linear built from the same seed: the same initial weights (bit for bit), and forward,
/// ∂x, ∂W and ∂b within the per-element product bound of <see cref="CrossCheckTolerances.Product"/>, over two
/// forward/backward rounds (so reused buffers and gradient accumulation are covered too).
/// </summary>
public class LinearCrossChecks
{
    /// <summary>A Linear case: batch N, in and out features, with or without bias.</summary>
    public sealed record Case(int N, int In, int Out, bool Bias, ulong Seed)
    {
        public override string ToString() => $"Linear({In}, {Out}, bias: {Bias}) on ({N}, {In}), seed {Seed}";
    }

    private static Arbitrary<Case> Cases() =>
        (from shape in Gen.Frequency(
             (8, from n in CrossCheckGen.Dim(40) from i in CrossCheckGen.Dim(70) from o in CrossCheckGen.Dim(70) select (n, i, o)),
             (2, Gen.Elements((1, 1, 1), (1, 300, 1), (300, 1, 1), (1, 1, 300), (300, 300, 1), (1, 300, 300), (300, 1, 300))))
         from bias in Gen.Frequency((4, Gen.Constant(true)), (1, Gen.Constant(false)))
         from seed in CrossCheckGen.Seed
         select new Case(shape.Item1, shape.Item2, shape.Item3, bias, seed)).ToArbitrary();

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Linear_forward_and_all_gradients_agree_within_the_product_bound() =>
        Prop.ForAll(Cases(), c =>
        {
            var reference = new R.Linear(c.In, c.Out, new TorchGenerator(c.Seed), c.Bias);
            var optimized = new O.Linear(c.In, c.Out, new TorchGenerator(c.Seed), c.Bias);
            Compare.Exact(reference.Weight.Value, optimized.Weight.Value, $"{c}: initial weight");
            if (c.Bias) Compare.Exact(reference.Bias!.Value, optimized.Bias!.Value, $"{c}: initial bias");

            float[] w = reference.Weight.Value.Data, b = c.Bias ? reference.Bias!.Value.Data : [];
            var weightMagnitude = new double[c.Out * c.In];
            var biasMagnitude = new double[c.Out];
            for (int round = 0; round < 2; round++)
            {
                Tensor x = CrossCheckGen.Randn(c.Seed + 1 + (ulong)round, 1.5f, c.N, c.In);
                Tensor g = CrossCheckGen.Randn(c.Seed + 101 + (ulong)round, 1f, c.N, c.Out);
                float[] xd = x.Data, gd = g.Data;
                string what = $"{c}, round {round + 1}";

                Tensor yRef = reference.Forward(x), yOpt = optimized.Forward(x).Clone();
                // y[n, o] = Σₖ x[n, k]·W[o, k] + b[o]: in + 1 terms.
                Agreement.Within(yRef, yOpt, i =>
                {
                    int n = i / c.Out, o = i % c.Out;
                    double m = c.Bias ? Math.Abs(b[o]) : 0;
                    for (int k = 0; k < c.In; k++) m += Math.Abs(xd[n * c.In + k] * w[o * c.In + k]);
                    return CrossCheckTolerances.Product(c.In + 1, m);
                }, $"{what}: y");

                Tensor dxRef = reference.Backward(g), dxOpt = optimized.Backward(g).Clone();
                // ∂x[n, k] = Σₒ g[n, o]·W[o, k]: out terms.
                Agreement.Within(dxRef, dxOpt, i =>
                {
                    int n = i / c.In, k = i % c.In;
                    double m = 0;
                    for (int o = 0; o < c.Out; o++) m += Math.Abs(gd[n * c.Out + o] * w[o * c.In + k]);
                    return CrossCheckTolerances.Product(c.Out, m);
                }, $"{what}: ∂x");

                // ∂W[o, k] = Σ over both rounds' rows of g[n, o]·x[n, k]: the Optimized chain continues from the first
                // round's value, the Reference adds a fresh sum; either way 2N terms plus the running value.
                for (int o = 0; o < c.Out; o++)
                {
                    for (int k = 0; k < c.In; k++)
                    {
                        for (int n = 0; n < c.N; n++) weightMagnitude[o * c.In + k] += Math.Abs(gd[n * c.Out + o] * xd[n * c.In + k]);
                    }
                    for (int n = 0; n < c.N; n++) biasMagnitude[o] += Math.Abs(gd[n * c.Out + o]);
                }
                int terms = (round + 1) * c.N + round;
                Agreement.Within(reference.Weight.Grad, optimized.Weight.Grad,
                    i => CrossCheckTolerances.Product(terms, weightMagnitude[i]), $"{what}: ∂W");
                if (c.Bias)
                {
                    Agreement.Within(reference.Bias!.Grad, optimized.Bias!.Grad,
                        i => CrossCheckTolerances.Product(terms, biasMagnitude[i]), $"{what}: ∂b");
                }
            }
            return true.ToProperty().Classify(c.N == 1, "batch 1").Classify(c.In % 16 != 0 || c.Out % 16 != 0, "not a multiple of 16");
        });
}
