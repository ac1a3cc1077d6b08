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
/// Every optimizer, over several steps with the same gradients fed to both: the updated parameters are bit for bit
/// equal after every step. Both stacks perform TorchSharp's float operations in the same order, with the same scalars
/// rounded to float and the same fused multiply-adds (fma(a, b, c) = fma(b, a, c) exactly; the Optimized Adam's
/// Vector512 body uses the IEEE square root and division, as MathF does), so there is no rounding to allow for.
/// </summary>
public class OptimizerCrossChecks
{
    /// <summary>One optimizer configuration, built on either stack.</summary>
    public sealed record Variant(string Name, Func<IStack, IReadOnlyList<Parameter>, IOptimizer> Build)
    {
        public override string ToString() => Name;
    }

    /// <summary>
    /// Learning rates: the usual ones (0.01 is where an AVX2 machine once saw Adam 1 ulp off PyTorch on one stack) and
    /// log-uniform ones over [1e-4, 1), so no rounding of lr·m̂/(√v̂ + ε) is picked out by a fixed list.
    /// </summary>
    private static Gen<double> LearningRate { get; } = Gen.OneOf(
        Gen.Elements(0.1, 0.01, 0.37, 1e-3, 5e-4),
        Gen.Choose(0, 1_000_000).Select(k => Math.Pow(10, -4 + 4 * (k / 1_000_000.0))));

    /// <summary>Weight decay: none, the usual ones, and uniform over [0, 0.5).</summary>
    private static Gen<double> WeightDecay { get; } = Gen.OneOf(
        Gen.Elements(0.0, 1e-2, 0.3, 0.5),
        Gen.Choose(0, 1_000_000).Select(k => 0.5 * (k / 1_000_000.0)));

    /// <summary>Every optimizer configuration, with lr and weight decay drawn as above.</summary>
    public static Gen<Variant> Variants { get; } = Gen.OneOf(
        from lr in LearningRate
        from momentum in Gen.Elements(0.0, 0.9, 0.5)
        from dampening in Gen.Elements(0.0, 0.1, 0.5)
        from weightDecay in WeightDecay
        from nesterov in Gen.Elements(false, true)
        let useNesterov = nesterov && momentum > 0 && dampening == 0
        select new Variant($"SGD(lr {lr:R}, momentum {momentum}, dampening {dampening}, weight_decay {weightDecay:R}, nesterov {useNesterov})",
            (s, p) => s.SGD(p, lr, momentum, dampening, weightDecay, useNesterov)),
        from lr in LearningRate
        from weightDecay in WeightDecay
        from betas in Gen.Elements((0.9, 0.999), (0.5, 0.9), (0.0, 0.99))
        select new Variant($"Adam(lr {lr:R}, betas {betas}, weight_decay {weightDecay:R})",
            (s, p) => s.Adam(p, lr, betas.Item1, betas.Item2, 1e-8, weightDecay)),
        from lr in LearningRate
        from weightDecay in WeightDecay
        from eps in Gen.Elements(1e-8, 1e-3)
        select new Variant($"AdamW(lr {lr:R}, eps {eps}, weight_decay {weightDecay:R})",
            (s, p) => s.AdamW(p, lr, 0.9, 0.999, eps, weightDecay)));

    /// <summary>
    /// Parameter shapes: matrices, and vectors of every length 1…40 (so each vector body, 4, 8 and 16 floats wide, and
    /// each tail length is reached, 11 among them).
    /// </summary>
    private static Gen<int[]> ParameterShape { get; } = Gen.OneOf(CrossCheckGen.Matrix, Gen.Choose(1, 40).Select(n => new[] { n }));

    private static Arbitrary<(Variant Variant, int[][] Shapes, int Steps, ulong Seed)> Cases(Gen<Variant> variants) =>
        (from variant in variants
         from shapes in Gen.ListOf(ParameterShape).Where(l => l.Count is >= 1 and <= 3).Select(l => l.ToArray())
         from steps in Gen.Choose(1, 6)
         from seed in CrossCheckGen.Seed
         select (variant, shapes, steps, seed)).ToArbitrary();

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Every_optimizer_updates_parameters_bit_identically_step_after_step() => Check(Variants);

    /// <summary>The check over the given configurations (public so a broken optimizer can be shown to fail it).</summary>
    public static Property Check(Gen<Variant> variants) =>
        Prop.ForAll(Cases(variants), c =>
        {
            var draw = new TorchGenerator(c.Seed);
            var initial = c.Shapes.Select(s => draw.Randn(s)).ToArray();
            var rParams = initial.Select(t => new Parameter(t.Clone())).ToArray();
            var oParams = initial.Select(t => new Parameter(t.Clone())).ToArray();
            IOptimizer reference = c.Variant.Build(ReferenceStack.Instance, rParams);
            IOptimizer optimized = c.Variant.Build(new OptimizedStack(), oParams);
            for (int step = 0; step < c.Steps; step++)
            {
                reference.ZeroGrad();
                optimized.ZeroGrad();
                for (int p = 0; p < rParams.Length; p++)
                {
                    Tensor grad = draw.Randn(c.Shapes[p]);
                    grad.Data.CopyTo(rParams[p].Grad.Data, 0);
                    grad.Data.CopyTo(oParams[p].Grad.Data, 0);
                }
                reference.Step();
                optimized.Step();
                for (int p = 0; p < rParams.Length; p++)
                {
                    Compare.Exact(rParams[p].Value, oParams[p].Value,
                        $"{c.Variant}, parameter {p} {CrossCheckGen.Text(c.Shapes[p])}, seed {c.Seed}, after step {step + 1}");
                }
            }
            return true.ToProperty().Classify(c.Variant.Name.StartsWith("SGD", StringComparison.Ordinal), "SGD")
                .Classify(c.Variant.Name.StartsWith("Adam(", StringComparison.Ordinal), "Adam")
                .Classify(c.Variant.Name.StartsWith("AdamW", StringComparison.Ordinal), "AdamW");
        });
}
