using Verification.Core;

namespace Verification.Laws;

/// <summary>
/// The finite-difference gradient check (CS231n's <c>gradient_check.py</c>, centred differences): backward must be the
/// derivative of forward. Stack-agnostic, so it runs on a learner's layer as well as on either stack's.
/// </summary>
public static class GradientLaws
{
    /// <summary>The law <see cref="CheckFiniteDifferences"/> checks.</summary>
    public const string MatchesFiniteDifferences = "backward matches centred finite differences of forward";

    /// <summary>
    /// The step h = 2⁻⁶. Inputs on a 2⁻⁶ grid stay exact in float32 when moved by ±h, so the only rounding left is the
    /// layer's float32 output (about 6e-8 relative), which divided by 2h leaves ≈ 1e-5 of noise in a numeric gradient of
    /// order 1. For layers linear in the perturbed value (Linear, dropout with a fixed mask, ReLU away from 0) centred
    /// differences are then exact; for BatchNorm the truncation error is O(h²) ≈ 2.4e-4 relative.
    /// </summary>
    public const double Step = 1.0 / 64;

    /// <summary>
    /// The largest relative error accepted, <c>|a − n| / max(|a| + |n|, 1e-2)</c> with a the analytic and n the numeric
    /// gradient. CS231n reads a relative error above 1e-2 as "probably wrong" in double precision; here the layers compute in
    /// float32, so 1e-2 with the 1e-2 floor (an absolute 1e-4 for gradients near 0) sits two orders above the noise
    /// described at <see cref="Step"/> and far below any real bug (a missing 1/(1 − p) is off by at least 10% at p ≥ 0.1,
    /// a missing ReLU mask or transposed product by 100%).
    /// </summary>
    public const double Threshold = 1e-2;

    /// <summary>The most elements perturbed per tensor (the first ones, row-major), keeping the check fast.</summary>
    public const int MaxElements = 48;

    /// <summary>
    /// With <c>L = Σ gradOutput ⊙ forward(x)</c> accumulated in double, the ∂L/∂x that <c>Backward(gradOutput)</c>
    /// returns and the ∂L/∂θ it adds into each parameter's gradient must match <c>(L(v + h) − L(v − h)) / 2h</c> for each
    /// of the first <see cref="MaxElements"/> elements of x and of every parameter. <paramref name="create"/> must build the
    /// same layer every time (same initial weights, same generator seed), so a stochastic layer draws the same mask on
    /// every evaluation and the difference sees only the perturbation. Elements of x within h of 0 are skipped when
    /// <paramref name="skipKinks"/> is set (ReLU's kink, where the derivative does not exist).
    /// </summary>
    public static void CheckFiniteDifferences(Func<IModule> create, Tensor x, Tensor gradOutput, Counterexample counterexample,
        bool skipKinks = false)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gradOutput);
        ArgumentNullException.ThrowIfNull(counterexample);
        IModule layer = create();
        foreach (Parameter p in layer.Parameters()) p.ZeroGrad();
        Tensor y = layer.Forward(x.Clone());
        if (!y.SameShape(gradOutput))
        {
            throw new LawViolation(MatchesFiniteDifferences, counterexample, $"y of shape {gradOutput.ShapeText}", y.ShapeText);
        }
        Tensor analytic = layer.Backward(gradOutput).Clone();
        Tensor[] parameterGradients = layer.Parameters().Select(p => p.Grad.Clone()).ToArray();

        for (int i = 0; i < Math.Min(x.Length, MaxElements); i++)
        {
            if (skipKinks && Math.Abs(x[i]) <= Step) continue;
            double numeric = Centred(create, gradOutput, (_, v) => v, x, i);
            Compare(analytic[i], numeric, counterexample.At(i), "∂L/∂x");
        }
        for (int k = 0; k < parameterGradients.Length; k++)
        {
            int parameter = k;
            for (int i = 0; i < Math.Min(parameterGradients[k].Length, MaxElements); i++)
            {
                int element = i;
                double numeric = Centred(create, gradOutput, (module, _) => module.Parameters()[parameter].Value, x, element);
                Compare(parameterGradients[k][i], numeric, counterexample.With($"parameter {k}").At(i), $"∂L/∂θ of parameter {k}");
            }
        }
    }

    /// <summary>(L(v + h) − L(v − h)) / 2h, where v is element <paramref name="element"/> of the tensor <paramref name="pick"/> chooses.</summary>
    private static double Centred(Func<IModule> create, Tensor gradOutput, Func<IModule, Tensor, Tensor> pick, Tensor x, int element)
    {
        double Loss(double shift)
        {
            IModule module = create();
            Tensor input = x.Clone();
            Tensor target = pick(module, input);
            target[element] = (float)(target[element] + shift);
            Tensor output = module.Forward(input);
            double sum = 0;
            for (int j = 0; j < output.Length; j++) sum += (double)gradOutput[j] * output[j];
            return sum;
        }
        return (Loss(Step) - Loss(-Step)) / (2 * Step);
    }

    private static void Compare(double analytic, double numeric, Counterexample counterexample, string what)
    {
        double error = Math.Abs(analytic - numeric) / Math.Max(Math.Abs(analytic) + Math.Abs(numeric), 1e-2);
        if (!(error <= Threshold))
        {
            throw new LawViolation(MatchesFiniteDifferences, counterexample,
                $"{what} = {numeric:G6} (centred difference, h = 1/64; relative error at most {Threshold:G2})",
                $"{analytic:G6} from backward (relative error {error:G3})");
        }
    }
}
