using System.Runtime.Intrinsics;

namespace Verification.Optimized;

/// <summary>BatchNorm's forward on one channel's values, once per width: <c>y = (x − μ)·(γ/σ) + β</c>, three roundings in that order.</summary>
internal readonly struct Normalize(float mean, float scale, float shift) : IMapOp<float, float>
{
    public float Invoke(float x) => (x - mean) * scale + shift;

    public Vector128<float> Invoke(Vector128<float> x) => (x - Vector128.Create(mean)) * Vector128.Create(scale) + Vector128.Create(shift);

    public Vector256<float> Invoke(Vector256<float> x) => (x - Vector256.Create(mean)) * Vector256.Create(scale) + Vector256.Create(shift);

    public Vector512<float> Invoke(Vector512<float> x) => (x - Vector512.Create(mean)) * Vector512.Create(scale) + Vector512.Create(shift);
}

/// <summary>
/// BatchNorm's training backward on one channel's values, once per width (a, b = x, g):
/// <c>x̂ = (x − μ)·(1/σ)</c>, <c>∂x = (g − mean(g) − x̂·mean(g·x̂))·(γ/σ)</c>, rounded in that order.
/// </summary>
internal readonly struct NormalizeGradient(float mean, float invStd, float meanG, float meanGXhat, float scale) : IZipOp
{
    public float Invoke(float x, float g)
    {
        float xhat = (x - mean) * invStd;
        return (g - meanG - xhat * meanGXhat) * scale;
    }

    public Vector128<float> Invoke(Vector128<float> x, Vector128<float> g)
    {
        Vector128<float> xhat = (x - Vector128.Create(mean)) * Vector128.Create(invStd);
        return (g - Vector128.Create(meanG) - xhat * Vector128.Create(meanGXhat)) * Vector128.Create(scale);
    }

    public Vector256<float> Invoke(Vector256<float> x, Vector256<float> g)
    {
        Vector256<float> xhat = (x - Vector256.Create(mean)) * Vector256.Create(invStd);
        return (g - Vector256.Create(meanG) - xhat * Vector256.Create(meanGXhat)) * Vector256.Create(scale);
    }

    public Vector512<float> Invoke(Vector512<float> x, Vector512<float> g)
    {
        Vector512<float> xhat = (x - Vector512.Create(mean)) * Vector512.Create(invStd);
        return (g - Vector512.Create(meanG) - xhat * Vector512.Create(meanGXhat)) * Vector512.Create(scale);
    }
}
