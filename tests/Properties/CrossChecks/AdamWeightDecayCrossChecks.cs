using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Optimized;
using Verification.Properties.Support;
using Verification.Reference;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// Adam and AdamW with weight decay, golden-style: one parameter vector of 1…40 elements (11 among them, the length an
/// AVX2 machine once saw 1 ulp off PyTorch at lr 0.01, weight_decay 0.01), a long sequence of random gradients whose
/// scale changes from step to step (so m̂/(√v̂ + ε) takes every regime, ε-dominated to scale-free), and Optimized equal
/// to Reference bit for bit after every step. Both stacks follow torch/optim/adam.py's single-tensor update with the
/// same float operations in the same order, so there is no rounding to allow for; a difference of one ulp fails.
/// CI runs this on every instruction-set level (avx512, DOTNET_EnableAVX512=0, DOTNET_EnableAVX2=0,
/// DOTNET_EnableHWIntrinsic=0), where each level takes a different vector body and tail.
/// </summary>
public class AdamWeightDecayCrossChecks
{
    /// <summary>A case: the optimizer, its settings, the vector length, the number of steps and the seed of the values.</summary>
    public sealed record Case(bool Decoupled, double Lr, double WeightDecay, int Length, int Steps, ulong Seed)
    {
        public override string ToString() =>
            $"{(Decoupled ? "AdamW" : "Adam")}(lr {Lr:R}, weight_decay {WeightDecay:R}) on {Length} elements, {Steps} steps, seed {Seed}";
    }

    private static Arbitrary<Case> Cases() =>
        (from decoupled in Gen.Elements(false, true)
         from lr in Gen.OneOf(Gen.Constant(0.01), Gen.Choose(0, 1_000_000).Select(k => Math.Pow(10, -4 + 3.5 * (k / 1_000_000.0))))
         from weightDecay in Gen.OneOf(Gen.Constant(0.01), Gen.Choose(1, 1_000_000).Select(k => 0.3 * (k / 1_000_000.0)))
         from length in Gen.OneOf(Gen.Constant(11), Gen.Choose(1, 40))
         from steps in Gen.Choose(6, 40)
         from seed in CrossCheckGen.Seed
         select new Case(decoupled, lr, weightDecay, length, steps, seed)).ToArbitrary();

    private static IOptimizer Build(IStack stack, Case c, Parameter parameter) => c.Decoupled
        ? stack.AdamW([parameter], c.Lr, 0.9, 0.999, 1e-8, c.WeightDecay)
        : stack.Adam([parameter], c.Lr, 0.9, 0.999, 1e-8, c.WeightDecay);

    [Property(MaxTest = 4 * PropertyCounts.Laws)]
    public Property Adam_and_AdamW_with_weight_decay_stay_bit_identical_over_long_random_gradient_sequences() =>
        Prop.ForAll(Cases(), c =>
        {
            var draw = new TorchGenerator(c.Seed);
            Tensor initial = draw.Randn(c.Length);
            Parameter reference = new(initial.Clone()), optimized = new(initial.Clone());
            IOptimizer r = Build(ReferenceStack.Instance, c, reference), o = Build(new OptimizedStack(), c, optimized);
            for (int step = 0; step < c.Steps; step++)
            {
                // Gradient scales from 1e-4 to 1e2: below √ε·(1 − β₂) the update is ε-dominated, above it scale-free.
                float scale = MathF.Pow(10, -4 + 6 * (float)draw.NextDouble());
                Tensor grad = draw.Randn(c.Length);
                for (int i = 0; i < c.Length; i++)
                {
                    reference.Grad[i] = grad[i] * scale;
                    optimized.Grad[i] = grad[i] * scale;
                }
                r.Step();
                o.Step();
                Compare.Exact(reference.Value, optimized.Value, $"{c}, after step {step + 1}");
            }
            return true.ToProperty().Classify(c.Length == 11, "11 elements").Classify(c.Lr == 0.01, "lr 0.01");
        });
}
