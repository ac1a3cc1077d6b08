using System.Runtime.Intrinsics;

namespace Verification.Optimized;

/// <summary>ReLU's backward from its output, once per width: <c>∂x = y &gt; 0 ? g : 0</c> (a, b = y, g).</summary>
internal readonly struct ReluGradient : IZipOp
{
    public float Invoke(float y, float g) => y > 0f ? g : 0f;

    public Vector128<float> Invoke(Vector128<float> y, Vector128<float> g) => g & Vector128.GreaterThan(y, Vector128<float>.Zero);

    public Vector256<float> Invoke(Vector256<float> y, Vector256<float> g) => g & Vector256.GreaterThan(y, Vector256<float>.Zero);

    public Vector512<float> Invoke(Vector512<float> y, Vector512<float> g) => g & Vector512.GreaterThan(y, Vector512<float>.Zero);
}

/// <summary>Tanh's backward from its output, once per width: <c>∂x = g·(1 − y·y)</c>, three roundings in that order.</summary>
internal readonly struct TanhGradient : IZipOp
{
    public float Invoke(float y, float g) => g * (1f - y * y);

    public Vector128<float> Invoke(Vector128<float> y, Vector128<float> g) => g * (Vector128<float>.One - y * y);

    public Vector256<float> Invoke(Vector256<float> y, Vector256<float> g) => g * (Vector256<float>.One - y * y);

    public Vector512<float> Invoke(Vector512<float> y, Vector512<float> g) => g * (Vector512<float>.One - y * y);
}

/// <summary>Sigmoid's backward from its output, once per width: <c>∂x = g·(1 − y)·y</c> (PyTorch's order), three roundings.</summary>
internal readonly struct SigmoidGradient : IZipOp
{
    public float Invoke(float y, float g) => g * (1f - y) * y;

    public Vector128<float> Invoke(Vector128<float> y, Vector128<float> g) => g * (Vector128<float>.One - y) * y;

    public Vector256<float> Invoke(Vector256<float> y, Vector256<float> g) => g * (Vector256<float>.One - y) * y;

    public Vector512<float> Invoke(Vector512<float> y, Vector512<float> g) => g * (Vector512<float>.One - y) * y;
}
