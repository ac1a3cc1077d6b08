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
/// BatchNorm1d on (N, C): several training steps (each with its own batch, γ, β and upstream gradient, set identically
/// in both), then eval. The running statistics and num_batches_tracked are bit for bit (the same double sums in the
/// same order, then the same rounding); y, ∂x and ∂γ within the per-element bounds of <see cref="CrossCheckTolerances"/>;
/// ∂β bit for bit (Σg in double, same order).
/// </summary>
public class BatchNormCrossChecks
{
    /// <summary>A case: batch N ≥ 2, C features, training steps, momentum, seed.</summary>
    public sealed record Case(int N, int C, int Steps, double Momentum, ulong Seed)
    {
        public override string ToString() => $"BatchNorm1d({C}, momentum {Momentum}) on ({N}, {C}), {Steps} steps, seed {Seed}";
    }

    private static Arbitrary<Case> Cases() =>
        (from n in Gen.OneOf(Gen.Choose(2, 40), Gen.Elements(2, 3, 16, 17, 33, 300))
         from c in Gen.OneOf(CrossCheckGen.Dim(40), Gen.Constant(300))
         where n * c <= 6000
         from steps in Gen.Choose(1, 4)
         from momentum in Gen.Elements(0.1, 0.0, 1.0, 0.37)
         from seed in CrossCheckGen.Seed
         select new Case(n, c, steps, momentum, seed)).ToArbitrary();

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property BatchNorm1d_training_steps_and_eval_agree() =>
        Prop.ForAll(Cases(), c =>
        {
            var reference = new R.BatchNorm1d(c.C, momentum: c.Momentum);
            var optimized = new O.BatchNorm1d(c.C, momentum: c.Momentum);
            var rParams = reference.NamedParameters().ToArray();
            var oParams = optimized.NamedParameters().ToArray();
            for (int step = 0; step <= c.Steps; step++)
            {
                bool training = step < c.Steps;
                string what = $"{c}, {(training ? $"step {step + 1}" : "eval")}";
                reference.SetTraining(training);
                optimized.SetTraining(training);
                // The same γ, β in both (as if an optimizer had moved them), fresh gradients.
                var draw = new TorchGenerator(c.Seed + 1000 + (ulong)step);
                Tensor gamma = draw.Randn(c.C), beta = draw.Randn(c.C);
                for (int p = 0; p < 2; p++)
                {
                    Tensor value = p == 0 ? gamma : beta;
                    value.Data.CopyTo(rParams[p].Parameter.Value.Data, 0);
                    value.Data.CopyTo(oParams[p].Parameter.Value.Data, 0);
                    rParams[p].Parameter.ZeroGrad();
                    oParams[p].Parameter.ZeroGrad();
                }
                Tensor x = CrossCheckGen.Randn(c.Seed + (ulong)step, 3f, c.N, c.C);
                for (int i = 0; i < x.Length; i++) x[i] += 2f;
                Tensor g = CrossCheckGen.Randn(c.Seed + 500 + (ulong)step, 1f, c.N, c.C);

                // The statistics each stack normalised with: batch ones in training, running ones (before this step) in eval.
                var (mean, invStd) = Statistics(x, c, training ? null : reference);
                Tensor yRef = reference.Forward(x), yOpt = optimized.Forward(x).Clone();
                Agreement.Within(yRef, yOpt, i =>
                {
                    int f = i % c.C;
                    double magnitude = Math.Abs(x[i] - mean[f]) * Math.Abs(invStd[f] * gamma[f]) + Math.Abs(beta[f]);
                    return Tol.BatchNormForwardRoundings * magnitude + Tol.Floor;
                }, $"{what}: y");

                Tensor dxRef = reference.Backward(g), dxOpt = optimized.Backward(g).Clone();
                var meanG = new double[c.C];
                var meanGXhat = new double[c.C];
                var meanAbsGXhat = new double[c.C];
                for (int i = 0; i < x.Length; i++)
                {
                    int f = i % c.C;
                    double xhat = (x[i] - mean[f]) * invStd[f];
                    meanG[f] += g[i] / (double)c.N;
                    meanGXhat[f] += g[i] * xhat / c.N;
                    meanAbsGXhat[f] += Math.Abs(g[i] * xhat) / c.N;
                }
                Agreement.Within(dxRef, dxOpt, i =>
                {
                    int f = i % c.C;
                    double xhat = Math.Abs((x[i] - mean[f]) * invStd[f]);
                    double magnitude = training
                        ? Math.Abs(g[i]) + Math.Abs(meanG[f]) + xhat * (Math.Abs(meanGXhat[f]) + meanAbsGXhat[f])
                        : Math.Abs(g[i]);
                    return Tol.BatchNormGradientRoundings * Math.Abs(gamma[f] * invStd[f]) * magnitude + Tol.Floor;
                }, $"{what}: ∂x");
                Agreement.Within(rParams[0].Parameter.Grad, oParams[0].Parameter.Grad,
                    f => Tol.BatchNormGammaRoundings * c.N * meanAbsGXhat[f] + Tol.Floor, $"{what}: ∂γ");
                Compare.Exact(rParams[1].Parameter.Grad, oParams[1].Parameter.Grad, $"{what}: ∂β");

                var rBuffers = reference.NamedBuffers().ToArray();
                var oBuffers = optimized.NamedBuffers().ToArray();
                for (int b = 0; b < rBuffers.Length; b++)
                {
                    Compare.Exact(rBuffers[b].Value.Data, oBuffers[b].Value.Data, $"{what}: {rBuffers[b].Name}");
                }
            }
            return true.ToProperty().Classify(c.N == 2, "batch of 2");
        });

    /// <summary>μ and 1/√(σ² + ε) as both stacks compute them: the batch's (double sums) or the running ones of <paramref name="eval"/>.</summary>
    private static (float[] Mean, float[] InvStd) Statistics(Tensor x, Case c, R.BatchNorm1d? eval)
    {
        var mean = new float[c.C];
        var invStd = new float[c.C];
        for (int f = 0; f < c.C; f++)
        {
            if (eval is not null)
            {
                mean[f] = eval.RunningMean[f];
                invStd[f] = (float)(1.0 / Math.Sqrt(eval.RunningVar[f] + eval.Eps));
                continue;
            }
            double sum = 0, squares = 0;
            for (int n = 0; n < c.N; n++) sum += x[n * c.C + f];
            double mu = sum / c.N;
            for (int n = 0; n < c.N; n++) squares += (x[n * c.C + f] - mu) * (x[n * c.C + f] - mu);
            mean[f] = (float)mu;
            invStd[f] = (float)(1.0 / Math.Sqrt(squares / c.N + 1e-5));
        }
        return (mean, invStd);
    }
}
