using Verification.Core;
using Xunit.Sdk;

namespace Verification.Properties.Support;

/// <summary>
/// Centred-difference gradient checks (CS231n's recipe) for float32 modules and losses.
/// The scalar checked is <c>S(x) = Σ gₖ·yₖ(x)</c> for a fixed upstream gradient g, accumulated in double, so
/// <c>∂S/∂xᵢ</c> is exactly what Backward(g) must return. Numerically: <c>(S(x + h·eᵢ) − S(x − h·eᵢ)) / 2h</c>.
/// <para>
/// Bound (float32): forward values carry about 6e-8 relative rounding, which the difference amplifies by 1/2h;
/// the truncation error is O(h²). With h = 1e-2 on inputs in [−2, 2] the two together stay below
/// <see cref="RelativeTolerance"/>·|g| + <see cref="AbsoluteTolerance"/>; a wrong formula (a missing factor, a sign,
/// a dropped term) is off by far more than that.
/// </para>
/// </summary>
public static class GradientCheck
{
    /// <summary>Step of the centred difference.</summary>
    public const float Step = 1e-2f;

    /// <summary>Relative part of the float32 bound.</summary>
    public const double RelativeTolerance = 1e-2;

    /// <summary>Absolute floor of the float32 bound.</summary>
    public const double AbsoluteTolerance = 2e-3;

    /// <summary>
    /// Checks <c>∂S/∂x</c> and every parameter's gradient of <paramref name="module"/> at <paramref name="input"/>.
    /// <paramref name="resetRandomness"/> runs before every forward pass so random draws (dropout masks) are the same each time.
    /// </summary>
    public static void Module(IModule module, Tensor input, Tensor gradOutput, Action? resetRandomness = null, string what = "module")
    {
        double Objective()
        {
            resetRandomness?.Invoke();
            return Dot(module.Forward(input), gradOutput);
        }

        resetRandomness?.Invoke();
        module.Forward(input);
        foreach (var p in module.NamedParameters()) p.Parameter.ZeroGrad();
        Tensor analyticInput = module.Backward(gradOutput).Clone();
        var analyticParameters = module.NamedParameters().Select(p => (p.Name, Grad: p.Parameter.Grad.Clone())).ToArray();

        CheckAgainstNumeric(input.Data, analyticInput.Data, Objective, $"{what}: ∂S/∂input");
        foreach (var (name, grad) in analyticParameters)
        {
            var parameter = module.NamedParameters().Single(p => p.Name == name).Parameter;
            CheckAgainstNumeric(parameter.Value.Data, grad.Data, Objective, $"{what}: ∂S/∂{name}");
        }
    }

    /// <summary>Checks a loss's gradient with respect to its prediction.</summary>
    public static void Loss(ILoss loss, Tensor prediction, Tensor target, string what = "loss")
    {
        loss.Forward(prediction, target);
        Tensor analytic = loss.Backward().Clone();
        CheckAgainstNumeric(prediction.Data, analytic.Data, () => loss.Forward(prediction, target), $"{what}: ∂L/∂prediction");
    }

    /// <summary>
    /// Perturbs each element of <paramref name="values"/> by ±<see cref="Step"/> in place (restoring it after) and
    /// compares the centred difference of <paramref name="objective"/> with <paramref name="analytic"/>.
    /// </summary>
    public static void CheckAgainstNumeric(float[] values, float[] analytic, Func<double> objective, string what)
    {
        for (int i = 0; i < values.Length; i++)
        {
            float original = values[i];
            values[i] = original + Step;
            double plus = objective();
            values[i] = original - Step;
            double minus = objective();
            values[i] = original;
            double numeric = (plus - minus) / (2.0 * Step);
            double error = Math.Abs(numeric - analytic[i]);
            if (error > AbsoluteTolerance + RelativeTolerance * Math.Abs(numeric))
            {
                throw new XunitException(
                    $"{what}: index {i} analytic {analytic[i]:R} but centred difference {numeric:R} (error {error:G3}).");
            }
        }
    }

    /// <summary><c>Σ aᵢ·bᵢ</c> in double.</summary>
    public static double Dot(Tensor a, Tensor b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (double)a.Data[i] * b.Data[i];
        return sum;
    }
}
