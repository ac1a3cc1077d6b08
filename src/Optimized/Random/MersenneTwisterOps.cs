using System.Runtime.Intrinsics;
using Verification.Core.Random;

namespace Verification.Optimized;

/// <summary>MT19937's tempering, once per width: <c>y ⊕= y≫11; y ⊕= (y≪7)&amp;0x9d2c5680; y ⊕= (y≪15)&amp;0xefc60000; y ⊕= y≫18</c>.</summary>
internal readonly struct TemperOp : IMapOp<uint, uint>
{
    private const uint B = 0x9d2c5680u, C = 0xefc60000u;

    public uint Invoke(uint x) => MersenneTwister.Temper(x);

    public Vector128<uint> Invoke(Vector128<uint> y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & Vector128.Create(B);
        y ^= (y << 15) & Vector128.Create(C);
        return y ^ (y >> 18);
    }

    public Vector256<uint> Invoke(Vector256<uint> y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & Vector256.Create(B);
        y ^= (y << 15) & Vector256.Create(C);
        return y ^ (y >> 18);
    }

    public Vector512<uint> Invoke(Vector512<uint> y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & Vector512.Create(B);
        y ^= (y << 15) & Vector512.Create(C);
        return y ^ (y >> 18);
    }
}

/// <summary>
/// <c>uniform_(lo, lo + width)</c> on float32 from one word, once per width: <c>fma((word &amp; 0xFFFFFF)·2⁻²⁴, width, lo)</c>.
/// A 24-bit integer converts to float exactly and ·2⁻²⁴ is exact, so the fma is the only rounding in every body.
/// </summary>
internal readonly struct UniformOp(float lo, float width) : IMapOp<uint, float>
{
    private const float Unit = 1.0f / (1 << 24);
    private const uint Low24 = 0xFFFFFFu;

    public float Invoke(uint x) => MathF.FusedMultiplyAdd((x & Low24) * Unit, width, lo);

    public Vector128<float> Invoke(Vector128<uint> x) => ExactFma.FusedMultiplyAdd(
        Vector128.ConvertToSingle((x & Vector128.Create(Low24)).AsInt32()) * Vector128.Create(Unit), Vector128.Create(width), Vector128.Create(lo));

    public Vector256<float> Invoke(Vector256<uint> x) => Vector256.FusedMultiplyAdd(
        Vector256.ConvertToSingle((x & Vector256.Create(Low24)).AsInt32()) * Vector256.Create(Unit), Vector256.Create(width), Vector256.Create(lo));

    public Vector512<float> Invoke(Vector512<uint> x) => Vector512.FusedMultiplyAdd(
        Vector512.ConvertToSingle((x & Vector512.Create(Low24)).AsInt32()) * Vector512.Create(Unit), Vector512.Create(width), Vector512.Create(lo));
}
