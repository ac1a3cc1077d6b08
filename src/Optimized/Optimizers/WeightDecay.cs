using System.Runtime.Intrinsics;

namespace Verification.Optimized;

/// <summary>
/// How weight decay acts on one element before Adam's moments, once per width with the same roundings: returns the
/// gradient the moments see and may shrink the weight.
/// </summary>
internal interface IWeightDecay
{
    float Decay(ref float w, float g);

    Vector128<float> Decay(ref Vector128<float> w, Vector128<float> g);

    Vector256<float> Decay(ref Vector256<float> w, Vector256<float> g);

    Vector512<float> Decay(ref Vector512<float> w, Vector512<float> g);
}

/// <summary>Adam's coupled (L2) decay: <c>g ← fma(λ, w, g)</c>, the gradient unchanged when λ = 0.</summary>
internal readonly struct CoupledDecay(float lambda) : IWeightDecay
{
    public float Decay(ref float w, float g) => lambda != 0 ? MathF.FusedMultiplyAdd(lambda, w, g) : g;

    public Vector128<float> Decay(ref Vector128<float> w, Vector128<float> g) =>
        lambda != 0 ? ExactFma.FusedMultiplyAdd(w, Vector128.Create(lambda), g) : g;

    public Vector256<float> Decay(ref Vector256<float> w, Vector256<float> g) =>
        lambda != 0 ? Vector256.FusedMultiplyAdd(w, Vector256.Create(lambda), g) : g;

    public Vector512<float> Decay(ref Vector512<float> w, Vector512<float> g) =>
        lambda != 0 ? Vector512.FusedMultiplyAdd(w, Vector512.Create(lambda), g) : g;
}

/// <summary>AdamW's decoupled decay: <c>w ← w·(1 − lr·λ)</c> (the factor rounded to float once), the gradient unchanged.</summary>
internal readonly struct DecoupledDecay(float factor) : IWeightDecay
{
    public float Decay(ref float w, float g)
    {
        w *= factor;
        return g;
    }

    public Vector128<float> Decay(ref Vector128<float> w, Vector128<float> g)
    {
        w *= Vector128.Create(factor);
        return g;
    }

    public Vector256<float> Decay(ref Vector256<float> w, Vector256<float> g)
    {
        w *= Vector256.Create(factor);
        return g;
    }

    public Vector512<float> Decay(ref Vector512<float> w, Vector512<float> g)
    {
        w *= Vector512.Create(factor);
        return g;
    }
}
