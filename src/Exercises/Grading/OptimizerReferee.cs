using Verification.Core;
using Verification.Core.Random;
using Verification.Laws;
using Verification.Parity;

namespace Verification.Exercises.Grading;

/// <summary>Builds an optimizer over parameters from a learning rate and a weight decay (the other settings PyTorch's defaults).</summary>
public delegate IOptimizer OptimizerFactory(IReadOnlyList<Parameter> parameters, double lr, double weightDecay);

/// <summary>
/// PyTorch and the Reference stack as referees of a learner's optimizer. Both compare within float rounding (relative 1e-5,
/// absolute 1e-6) rather than bit for bit: PyTorch and Reference fuse multiply-adds, a learner's plain <c>a·b + c</c> rounds
/// twice, and the difference after six steps is a few ulps — far below any wrong rule (a missing bias correction moves the
/// first step by a factor 3.16, a missing decay by lr·λ·w).
/// </summary>
public static class OptimizerReferee
{
    /// <summary>The tolerance of both comparisons.</summary>
    public static readonly Tolerance Rounding = Tolerance.Within(1e-5, 1e-6);

    /// <summary>optim.json's cases of <paramref name="op"/> that <paramref name="select"/> keeps: six steps from w0, each compared.</summary>
    public static void Golden(string op, Func<IReadOnlyList<Parameter>, GoldenCase, IOptimizer> create, Func<GoldenCase, bool>? select = null)
    {
        GoldenReferee.Check("optim.json", c => c.Op == op && (select?.Invoke(c) ?? true), (c, check) =>
        {
            float[][] grads = c.FloatRows("grads"), after = c.FloatRows("after_each_step");
            var parameter = new Parameter(Tensor.Vector(c.Floats("w0")));
            IOptimizer optimizer = create([parameter], c);
            for (int step = 0; step < grads.Length; step++)
            {
                optimizer.ZeroGrad();
                grads[step].CopyTo(parameter.Grad.Data, 0);
                optimizer.Step();
                check.Values($"after step {step + 1}", after[step], parameter.Value.Data, Rounding);
            }
        });
    }

    /// <summary>optim.json's Adam or AdamW cases, through a factory with PyTorch's argument list.</summary>
    public static void Golden(string op, Func<IReadOnlyList<Parameter>, double, double, double, double, double, IOptimizer> create) =>
        Golden(op, (ps, c) => create(ps, c.Param("lr", 1e-3), c.Param("beta1", 0.9), c.Param("beta2", 0.999), c.Param("eps", 1e-8),
            c.Param("weight_decay", op == "AdamW" ? 1e-2 : 0)));

    /// <summary>Adam-family agreement: the learner's factory with β₁ = 0.9, β₂ = 0.999, ε = 1e-8 against Reference's.</summary>
    public static void AgreesWithReference(string law, Func<IReadOnlyList<Parameter>, double, double, double, double, double, IOptimizer> learner,
        OptimizerFactory reference) =>
        AgreesWithReference(law, (ps, lr, wd) => learner(ps, lr, 0.9, 0.999, 1e-8, wd), reference);

    /// <summary>
    /// Over generated parameter sizes, step counts, learning rates, weight decays and seeds, the learner's optimizer and
    /// Reference's leave the same weights after every step (gradients drawn from <c>randn</c> before each step).
    /// </summary>
    public static void AgreesWithReference(string law, OptimizerFactory learner, OptimizerFactory reference)
    {
        double[] rates = [1e-3, 1e-2, 0.1];
        double[] decays = [0, 1e-2, 0.1];
        ReferenceAgreement.Check(law,
            Inputs.All(Inputs.Count(1, 8), Inputs.Count(1, 5), Inputs.Count(0, 8), Inputs.Count(0, 999)), c =>
            {
                var (length, steps, setting, seed) = c;
                double lr = rates[setting % 3], wd = decays[setting / 3];
                Parameter mine = Sample.Parameters((ulong)seed, length)[0], theirs = Sample.Parameters((ulong)seed, length)[0];
                IOptimizer learnerOptimizer = learner([mine], lr, wd), referenceOptimizer = reference([theirs], lr, wd);
                var generator = new TorchGenerator((ulong)seed + 1);
                for (int step = 0; step < steps; step++)
                {
                    Tensor g = generator.Randn(length);
                    learnerOptimizer.ZeroGrad();
                    referenceOptimizer.ZeroGrad();
                    g.Data.CopyTo(mine.Grad.Data, 0);
                    g.Data.CopyTo(theirs.Grad.Data, 0);
                    learnerOptimizer.Step();
                    referenceOptimizer.Step();
                    Sample.Close(law, theirs.Value, mine.Value,
                        new Counterexample([length], Seed: (ulong)seed, Detail: $"lr {lr}, weight decay {wd}, after step {step + 1}"), "w");
                }
            });
    }
}
