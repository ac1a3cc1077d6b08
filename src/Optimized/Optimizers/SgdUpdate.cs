using System.Runtime.Intrinsics;

namespace Verification.Optimized;

/// <summary>
/// SGD's update of one element, once per width (m is the momentum buffer b; v unused): <c>g ← fma(w, λ, g)</c> when
/// λ ≠ 0; with momentum <c>b ← g</c> on the first step, then <c>b ← fma(g, 1 − τ, μ·b)</c>, and <c>g ← fma(b, μ, g)</c>
/// (Nesterov) or <c>g ← b</c>; <c>w ← fma(g, −lr, w)</c>. The flags are the same for every element of a step.
/// </summary>
internal readonly struct SgdUpdate(float minusLr, float weightDecay, float momentum, float oneMinusDampening, bool firstStep, bool nesterov)
    : IUpdateOp
{
    public void Invoke(ref float w, float g, ref float m, ref float v)
    {
        if (weightDecay != 0) g = MathF.FusedMultiplyAdd(w, weightDecay, g);
        if (momentum != 0)
        {
            m = firstStep ? g : MathF.FusedMultiplyAdd(g, oneMinusDampening, m * momentum);
            g = nesterov ? MathF.FusedMultiplyAdd(m, momentum, g) : m;
        }
        w = MathF.FusedMultiplyAdd(g, minusLr, w);
    }

    public void Invoke(ref Vector128<float> w, Vector128<float> g, ref Vector128<float> m, ref Vector128<float> v)
    {
        if (weightDecay != 0) g = ExactFma.FusedMultiplyAdd(w, Vector128.Create(weightDecay), g);
        if (momentum != 0)
        {
            var mu = Vector128.Create(momentum);
            m = firstStep ? g : ExactFma.FusedMultiplyAdd(g, Vector128.Create(oneMinusDampening), m * mu);
            g = nesterov ? ExactFma.FusedMultiplyAdd(m, mu, g) : m;
        }
        w = ExactFma.FusedMultiplyAdd(g, Vector128.Create(minusLr), w);
    }

    public void Invoke(ref Vector256<float> w, Vector256<float> g, ref Vector256<float> m, ref Vector256<float> v)
    {
        if (weightDecay != 0) g = Vector256.FusedMultiplyAdd(w, Vector256.Create(weightDecay), g);
        if (momentum != 0)
        {
            var mu = Vector256.Create(momentum);
            m = firstStep ? g : Vector256.FusedMultiplyAdd(g, Vector256.Create(oneMinusDampening), m * mu);
            g = nesterov ? Vector256.FusedMultiplyAdd(m, mu, g) : m;
        }
        w = Vector256.FusedMultiplyAdd(g, Vector256.Create(minusLr), w);
    }

    public void Invoke(ref Vector512<float> w, Vector512<float> g, ref Vector512<float> m, ref Vector512<float> v)
    {
        if (weightDecay != 0) g = Vector512.FusedMultiplyAdd(w, Vector512.Create(weightDecay), g);
        if (momentum != 0)
        {
            var mu = Vector512.Create(momentum);
            m = firstStep ? g : Vector512.FusedMultiplyAdd(g, Vector512.Create(oneMinusDampening), m * mu);
            g = nesterov ? Vector512.FusedMultiplyAdd(m, mu, g) : m;
        }
        w = Vector512.FusedMultiplyAdd(g, Vector512.Create(minusLr), w);
    }
}
