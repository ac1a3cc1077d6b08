using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.CrossChecks;
using Verification.Properties.Support;
using Xunit;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.Regularisers;

/// <summary>
/// Optimized ≡ Reference for DropConnect, StochasticDepth and Residual built from the same seed: the same masks (bit for
/// bit, and the generators end in the same state), DropConnect's products within
/// <see cref="CrossCheckTolerances.Product"/> of each other, StochasticDepth and a residual around it bit for bit; two
/// training rounds (fresh masks, reused buffers, accumulated gradients) and an eval round.
/// </summary>
public class RegulariserCrossChecks
{
    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(RegulariserArbitraries)])]
    public void DropConnect_draws_the_same_masks_and_agrees_within_the_product_bound(DropConnectCase c)
    {
        TorchGenerator referenceGenerator = new(c.Seed), optimizedGenerator = new(c.Seed);
        var reference = new R.DropConnect(c.In, c.Out, c.P, referenceGenerator);
        var optimized = new O.DropConnect(c.In, c.Out, c.P, optimizedGenerator);
        Compare.Exact(reference.Weight.Value, optimized.Weight.Value, $"{c}: initial weight");
        float[] w = reference.Weight.Value.Data, b = reference.Bias!.Value.Data;
        for (int round = 0; round < 3; round++)
        {
            bool training = round < 2;
            reference.SetTraining(training);
            optimized.SetTraining(training);
            foreach (var p in reference.NamedParameters().Concat(optimized.NamedParameters())) p.Parameter.ZeroGrad();
            Tensor x = NonZeroValues.Of(c.DataSeed + round, [c.Rows, c.In]);
            Tensor g = NonZeroValues.Of(c.DataSeed + 100 + round, [c.Rows, c.Out]);
            string what = $"{c}, round {round + 1}{(training ? "" : " (eval)")}";
            Tensor yRef = reference.Forward(x), yOpt = optimized.Forward(x).Clone();
            var scale = new float[w.Length];
            for (int i = 0; i < w.Length; i++)
            {
                bool kept = reference.Kept(i / c.In, i % c.In);
                Assert.True(kept == optimized.Kept(i / c.In, i % c.In), $"{what}: the stacks' masks differ at weight {i}");
                scale[i] = !kept ? 0f : training ? 1f / (float)(1 - c.P) : 1f;
            }
            Agreement.SameGeneratorState(referenceGenerator, optimizedGenerator, what);
            referenceGenerator.RestoreState(optimizedGenerator.SaveState());
            Agreement.Within(yRef, yOpt, i =>
            {
                int n = i / c.Out, o = i % c.Out;
                double m = Math.Abs(b[o]);
                for (int k = 0; k < c.In; k++) m += Math.Abs(x[n * c.In + k] * w[o * c.In + k] * scale[o * c.In + k]);
                return CrossCheckTolerances.Product(c.In + 1, m);
            }, $"{what}: y");
            Tensor dxRef = reference.Backward(g), dxOpt = optimized.Backward(g).Clone();
            Agreement.Within(dxRef, dxOpt, i =>
            {
                int n = i / c.In, k = i % c.In;
                double m = 0;
                for (int o = 0; o < c.Out; o++) m += Math.Abs(g[n * c.Out + o] * w[o * c.In + k] * scale[o * c.In + k]);
                return CrossCheckTolerances.Product(c.Out, m);
            }, $"{what}: ∂x");
            Agreement.Within(reference.Weight.Grad, optimized.Weight.Grad, i =>
            {
                int o = i / c.In, k = i % c.In;
                double m = 0;
                for (int n = 0; n < c.Rows; n++) m += Math.Abs(g[n * c.Out + o] * x[n * c.In + k]);
                return CrossCheckTolerances.Product(c.Rows + 1, m * scale[i]);
            }, $"{what}: ∂W");
            Agreement.Within(reference.Bias.Grad, optimized.Bias!.Grad, o =>
            {
                double m = 0;
                for (int n = 0; n < c.Rows; n++) m += Math.Abs(g[n * c.Out + o]);
                return CrossCheckTolerances.Product(c.Rows, m);
            }, $"{what}: ∂b");
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(RegulariserArbitraries)])]
    public void StochasticDepth_and_a_residual_around_it_agree_bit_for_bit(StochasticDepthCase c)
    {
        TorchGenerator referenceGenerator = new(c.Seed), optimizedGenerator = new(c.Seed);
        IModule reference = new R.Residual(new R.StochasticDepth(c.P, c.Mode, referenceGenerator));
        IModule optimized = new O.Residual(new O.StochasticDepth(c.P, c.Mode, optimizedGenerator));
        for (int round = 0; round < 3; round++)
        {
            bool training = round < 2;
            reference.SetTraining(training);
            optimized.SetTraining(training);
            string what = $"{c}, round {round + 1}{(training ? "" : " (eval)")}";
            Tensor x = NonZeroValues.Of(c.DataSeed + round, c.Shape), g = NonZeroValues.Of(c.DataSeed + 100 + round, c.Shape);
            Compare.Exact(reference.Forward(x), optimized.Forward(x), $"{what}: y");
            Compare.Exact(reference.Backward(g), optimized.Backward(g), $"{what}: ∂x");
            Agreement.SameGeneratorState(referenceGenerator, optimizedGenerator, what);
        }
    }
}
