using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using Xunit;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.DropoutFamily;

/// <summary>
/// Reference ≡ Optimized for the dropout family, bit for bit: both stacks draw the same double uniforms in the same
/// order (the Optimized one through the vectorised Bernoulli of FastMersenneTwister), keep the same groups, and compute
/// each output with the same float32 operations in the same order (x·s, or x·s + b), so masks, outputs, gradients and
/// the generator's state after each of two passes in a row all agree exactly.
/// </summary>
public class DropoutFamilyCrossChecks
{
    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(FamilyArbitraries)])]
    public void Both_stacks_draw_the_same_masks_and_agree_bit_for_bit(FamilyCase c)
    {
        TorchGenerator referenceGenerator = new(c.Seed), optimizedGenerator = new(c.Seed);
        IModule reference = c.Row.Reference(c.P, referenceGenerator), optimized = c.Row.Optimized(c.P, optimizedGenerator);
        for (int pass = 0; pass < 2; pass++)
        {
            string what = $"{c}, pass {pass}";
            Tensor x = c.X();
            Compare.Exact(reference.Forward(x).Data, optimized.Forward(x).Data, $"{what}: y");
            for (int k = 0; k < c.Groups; k++)
            {
                Assert.True(KeptOf(reference, k) == KeptOf(optimized, k), $"{what}: group {k} kept by one stack only");
            }
            Compare.Exact(reference.Backward(c.GradOutput()).Data, optimized.Backward(c.GradOutput()).Data, $"{what}: ∂L/∂x");
            Assert.True(referenceGenerator.SaveState().Engine.Position == optimizedGenerator.SaveState().Engine.Position
                && referenceGenerator.SaveState().Engine.Words.AsSpan().SequenceEqual(optimizedGenerator.SaveState().Engine.Words),
                $"{what}: the generators differ after the pass");
        }
    }

    [Theory]
    [InlineData(0.3, 1)]
    [InlineData(0.3, 17)]
    [InlineData(0.7, 1000)]
    public void The_per_element_vector_path_and_its_scalar_tail_agree_with_the_reference(double p, int length)
    {
        // AlphaDropout's Optimized kernel takes 16 lanes at a time and the rest one by one: lengths 1, 17 and 1000 use both.
        var x = Tensor.FromValues(Enumerable.Range(0, length).Select(i => MathF.Sin(i) + 0.01f).ToArray(), length);
        var reference = new R.AlphaDropout(p, new TorchGenerator(5));
        var optimized = new O.AlphaDropout(p, new TorchGenerator(5));
        Compare.Exact(reference.Forward(x).Data, optimized.Forward(x).Data, $"AlphaDropout({p}) on {length} elements");
        Compare.Exact(reference.Backward(x).Data, optimized.Backward(x).Data, $"AlphaDropout({p}) backward on {length} elements");
    }

    private static bool KeptOf(IModule layer, int group) => layer switch
    {
        R.Dropout1d l => l.Kept(group), O.Dropout1d l => l.Kept(group),
        R.Dropout3d l => l.Kept(group), O.Dropout3d l => l.Kept(group),
        R.AlphaDropout l => l.Kept(group), O.AlphaDropout l => l.Kept(group),
        R.FeatureAlphaDropout l => l.Kept(group), O.FeatureAlphaDropout l => l.Kept(group),
        _ => throw new ArgumentException($"{layer.GetType()} has no Kept hook."),
    };
}
