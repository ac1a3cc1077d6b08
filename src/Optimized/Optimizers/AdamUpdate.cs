using System.Runtime.Intrinsics;

namespace Verification.Optimized;

/// <summary>Adam's per-step scalars, each rounded to float once (TorchSharp's order: bias corrections in double first).</summary>
internal readonly record struct AdamScalars(
    float Beta1, float OneMinusBeta1, float Beta2, float OneMinusBeta2, float SqrtBiasCorrection2, float Eps, float MinusStepSize);

/// <summary>
/// The fused Adam/AdamW update of one element, once per width: decay, then
/// <c>m ← fma(g, 1 − β₁, β₁·m)</c>, <c>v ← fma((1 − β₂)·g, g, β₂·v)</c>, <c>w ← w + (−step·m) / (√v / √(1 − β₂ᵗ) + ε)</c>,
/// every operation rounded to float in that order in every body (correctly rounded √ and ÷ on every instruction set).
/// </summary>
internal readonly struct AdamUpdate<TDecay>(TDecay decay, AdamScalars s) : IUpdateOp where TDecay : struct, IWeightDecay
{
    public void Invoke(ref float w, float g, ref float m, ref float v)
    {
        float gradient = decay.Decay(ref w, g);
        m = MathF.FusedMultiplyAdd(gradient, s.OneMinusBeta1, m * s.Beta1);
        v = MathF.FusedMultiplyAdd(s.OneMinusBeta2 * gradient, gradient, v * s.Beta2);
        float denominator = MathF.Sqrt(v) / s.SqrtBiasCorrection2 + s.Eps;
        w += s.MinusStepSize * m / denominator;
    }

    public void Invoke(ref Vector128<float> w, Vector128<float> g, ref Vector128<float> m, ref Vector128<float> v)
    {
        Vector128<float> gradient = decay.Decay(ref w, g);
        m = ExactFma.FusedMultiplyAdd(gradient, Vector128.Create(s.OneMinusBeta1), m * Vector128.Create(s.Beta1));
        v = ExactFma.FusedMultiplyAdd(Vector128.Create(s.OneMinusBeta2) * gradient, gradient, v * Vector128.Create(s.Beta2));
        Vector128<float> denominator = Vector128.Sqrt(v) / Vector128.Create(s.SqrtBiasCorrection2) + Vector128.Create(s.Eps);
        w += Vector128.Create(s.MinusStepSize) * m / denominator;
    }

    public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> m, ref Vector256<float> v)
    {
        Vector256<float> gradient = decay.Decay(ref w, g);
        m = Vector256.FusedMultiplyAdd(gradient, Vector256.Create(s.OneMinusBeta1), m * Vector256.Create(s.Beta1));
        v = Vector256.FusedMultiplyAdd(Vector256.Create(s.OneMinusBeta2) * gradient, gradient, v * Vector256.Create(s.Beta2));
        Vector256<float> denominator = Vector256.Sqrt(v) / Vector256.Create(s.SqrtBiasCorrection2) + Vector256.Create(s.Eps);
        w += Vector256.Create(s.MinusStepSize) * m / denominator;
    }

    public void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> m, ref Vector512<float> v)
    {
        Vector512<float> gradient = decay.Decay(ref w, g);
        m = Vector512.FusedMultiplyAdd(gradient, Vector512.Create(s.OneMinusBeta1), m * Vector512.Create(s.Beta1));
        v = Vector512.FusedMultiplyAdd(Vector512.Create(s.OneMinusBeta2) * gradient, gradient, v * Vector512.Create(s.Beta2));
        Vector512<float> denominator = Vector512.Sqrt(v) / Vector512.Create(s.SqrtBiasCorrection2) + Vector512.Create(s.Eps);
        w += Vector512.Create(s.MinusStepSize) * m / denominator;
    }
}
