using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using O = Verification.Optimized;
using R = Verification.Reference;
using Tol = Verification.Properties.CrossChecks.CrossCheckTolerances;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// The three losses: value and gradient with respect to the prediction, within the bounds of
/// <see cref="CrossCheckTolerances"/> computed from each case's own terms (the Reference sums in float, the Optimized
/// in double). BCEWithLogits gets logits of ±100 and ±30 among ordinary ones; cross-entropy gets rows with logits up to
/// ±60 (the row maximum must be subtracted for e^x not to overflow).
/// </summary>
public class LossCrossChecks
{
    /// <summary>A loss case: shape (N, C) and seed.</summary>
    public sealed record Case(int N, int C, ulong Seed)
    {
        public override string ToString() => $"({N}, {C}), seed {Seed}";
    }

    private static Arbitrary<Case> Cases() =>
        (from shape in CrossCheckGen.Matrix from seed in CrossCheckGen.Seed select new Case(shape[0], shape[1], seed)).ToArbitrary();

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property MSELoss_value_and_gradient_agree() =>
        Prop.ForAll(Cases(), c =>
        {
            Tensor x = CrossCheckGen.Randn(c.Seed, 3f, c.N, c.C), t = CrossCheckGen.Randn(c.Seed + 1, 1f, c.N, c.C);
            var reference = new R.MSELoss();
            var optimized = new O.MSELoss();
            float lRef = reference.Forward(x, t), lOpt = optimized.Forward(x, t);
            int n = x.Length;
            double meanTerms = 0;
            for (int i = 0; i < n; i++) meanTerms += (double)(x[i] - t[i]) * (x[i] - t[i]) / n;
            Agreement.Within([lRef], [lOpt], _ => (n + Tol.LossExtraRoundings) * Tol.Unit * meanTerms + Tol.Floor, $"MSELoss {c}: value");
            // 2/n·(x − t): the same float operations but 2f/n against (float)(2.0/n) — at most one rounding apart.
            Agreement.Within(reference.Backward(), optimized.Backward(),
                i => Tol.LossGradientRoundings * 2.0 / n * Math.Abs(x[i] - t[i]) + Tol.Floor, $"MSELoss {c}: ∂x");
            return true.ToProperty();
        });

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property BCEWithLogitsLoss_value_and_gradient_agree_for_logits_up_to_100() =>
        Prop.ForAll(Cases(), Gen.Elements(false, true).ToArbitrary(), (c, softTargets) =>
        {
            var g = new TorchGenerator(c.Seed);
            Tensor x = g.Randn(c.N, c.C), t = g.Rand(c.N, c.C);
            float[] specials = [100f, -100f, 30f, -30f, 0f];
            for (int i = 0; i < x.Length; i++)
            {
                uint w = g.Random();
                x[i] = (w & 3) == 0 ? specials[(w >> 2) % 5] : 5 * x[i];
                if (!softTargets) t[i] = t[i] < 0.5f ? 0f : 1f;
            }
            var reference = new R.BCEWithLogitsLoss();
            var optimized = new O.BCEWithLogitsLoss();
            float lRef = reference.Forward(x, t), lOpt = optimized.Forward(x, t);
            int n = x.Length;
            double meanTerms = 0;
            for (int i = 0; i < n; i++)
            {
                double xi = x[i];
                // The Reference's float.LogP1(z) is log(1 + z) after rounding 1 + z: up to u absolute (z ≤ 1), so 2 more
                // units of u per term besides the relative ones.
                meanTerms += (Math.Max(xi, 0) + Math.Abs(xi * t[i]) + Math.Log(1 + Math.Exp(-Math.Abs(xi))) + 2) / n;
            }
            string what = $"BCEWithLogitsLoss {c}, {(softTargets ? "soft" : "0/1")} targets";
            Agreement.Within([lRef], [lOpt], _ => (n + Tol.LossExtraRoundings) * Tol.Unit * meanTerms + Tol.Floor, $"{what}: value");
            Agreement.Within(reference.Backward(), optimized.Backward(), i =>
            {
                double sigmoid = 1 / (1 + Math.Exp(-(double)x[i]));
                return Tol.LossGradientRoundings * (sigmoid + t[i]) / n + Tol.Floor;
            }, $"{what}: ∂x");
            return true.ToProperty();
        });

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property CrossEntropyLoss_value_and_gradient_agree() =>
        Prop.ForAll(Cases(), Gen.Elements(1f, 5f, 20f).ToArbitrary(), (c, scale) =>
        {
            var g = new TorchGenerator(c.Seed);
            Tensor x = g.Randn(c.N, c.C);
            for (int i = 0; i < x.Length; i++) x[i] *= scale;
            var t = new Tensor(c.N);
            for (int r = 0; r < c.N; r++) t[r] = g.Random() % (uint)c.C;
            var reference = new R.CrossEntropyLoss();
            var optimized = new O.CrossEntropyLoss();
            float lRef = reference.Forward(x, t), lOpt = optimized.Forward(x, t);

            // Per row: ℓ = lse − x[t] with lse = max + log Σ e^(x − max). The Reference's float row sum is off by
            // (C + 2)u relatively, which is (C + 2)u absolutely in lse; the subtraction and the float total add
            // u·(|lse| + |x[t]|) per row and N·u·mean|ℓ|.
            var lse = new double[c.N];
            double meanTerms = 0;
            for (int r = 0; r < c.N; r++)
            {
                double max = double.NegativeInfinity, sum = 0;
                for (int k = 0; k < c.C; k++) max = Math.Max(max, x[r * c.C + k]);
                for (int k = 0; k < c.C; k++) sum += Math.Exp(x[r * c.C + k] - max);
                lse[r] = max + Math.Log(sum);
                double xt = x[r * c.C + (int)t[r]];
                meanTerms += ((c.C + Tol.LossExtraRoundings) + Math.Abs(max) + Math.Abs(lse[r]) + Math.Abs(xt) + c.N * Math.Abs(lse[r] - xt)) / c.N;
            }
            string what = $"CrossEntropyLoss {c}, logits ×{scale}";
            Agreement.Within([lRef], [lOpt], _ => Tol.Unit * meanTerms + Tol.Floor, $"{what}: value");
            // softmax = e^(x − lse): an error δ in lse is a relative error δ in softmax; δ ≤ (C + 4)u + u·(|max| + |lse|).
            Agreement.Within(reference.Backward(), optimized.Backward(), i =>
            {
                int r = i / c.C;
                double softmax = Math.Exp(x[i] - lse[r]);
                double delta = (c.C + 4) * Tol.Unit + Tol.Unit * (Math.Abs(x[i]) + 2 * Math.Abs(lse[r]));
                return (softmax * delta + Tol.LossGradientRoundings * (softmax + 1)) / c.N + Tol.Floor;
            }, $"{what}: ∂x");
            return true.ToProperty();
        });
}
