using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Verification.Optimized;

/// <summary>
/// The float fused multiply-add <c>RN_float(a·b + c)</c>, exact to the bit, on 128-bit x86 vectors without an FMA unit
/// (.NET 10 switches FMA off with <c>DOTNET_EnableAVX2=0</c>;
/// <see cref="Vector128.FusedMultiplyAdd(Vector128{float}, Vector128{float}, Vector128{float})"/> then runs the C
/// runtime's <c>fmaf</c> once per lane). Arm64 and FMA machines keep the hardware instruction.
/// <para>
/// Why it is exact. (1) <c>a·b</c> is exact in double: two 24-bit significands make at most 48 bits ≤ 53, and a product
/// of floats lies within [2⁻²⁹⁸, 2²⁵⁶], far inside double's normal range. (2) <c>s = RN_double(a·b + c)</c> is one
/// rounding of the exact sum, and <c>r = (float)s</c> a second. (3) Double rounding differs from one rounding
/// <c>RN_float(a·b + c)</c> only when s lands exactly on a float rounding boundary: RN_double is monotonic and every
/// boundary between two adjacent floats (a midpoint, the overflow threshold 2¹²⁸ − 2¹⁰³ included) is itself a double,
/// so if the exact sum lies strictly on one side of a boundary, s lies on the same side or on the boundary. So r is exact
/// unless s is a boundary. For normal floats a boundary has 24 significant bits followed by a one and 28 zeros: the
/// double's low 29 fraction bits are <c>0x10000000</c>. Below 2⁻¹²⁶ the float grid is fixed (2⁻¹⁴⁹) and its
/// midpoints, odd multiples m·2⁻¹⁵⁰, have their one elsewhere; there, s = m·2⁻¹⁵⁰ with an exact sum off by d ≠ 0,
/// |d| ≤ ulp_double(s)/2 ≤ m·2⁻²⁰³, needs a·b = (m′ + ε)·2⁻¹⁵⁰ with m′ odd (c is a multiple of 2⁻¹⁴⁹) and 0 &lt; |ε| ≤ m·2⁻⁵³:
/// at least 53 − log₂ m significant bits, which a product of 48 bits has only for m ≥ 32. Such s round to a nonzero
/// float of magnitude ≤ 2⁻¹²⁶, so every r with 0 &lt; |r| ≤ 2⁻¹²⁶ is flagged too (exact zeros, common in products of
/// ReLU outputs, are not). An exact zero sum is
/// s = ±0 with the sign IEEE gives the exact operation in either precision (the addition of two doubles cannot
/// underflow to zero). ±∞ and NaN pass through the conversions as they would through a fused operation (NaN never
/// carries the flagged pattern: a float NaN widened to double has its low 29 bits zero). (4) Flagged vectors
/// (about 2⁻²⁸ of generic operations) are recomputed lane by lane with <see cref="MathF.FusedMultiplyAdd"/>.
/// </para>
/// <para>
/// The product kernel (<c>Gemm.EmulatedFmaTile.cs</c>) keeps its accumulators as doubles that always hold a float value
/// and uses <see cref="Sum"/> and <see cref="Suspect"/>; the element-wise kernels call <see cref="FusedMultiplyAdd"/>.
/// </para>
/// </summary>
public static class ExactFma
{
    /// <summary>Whether this process runs the emulation for 128-bit fused multiply-adds: x86 with SSE3 and no FMA.</summary>
    public static bool IsEmulated { get; } =
        Vector128.IsHardwareAccelerated && Sse3.IsSupported && !Fma.IsSupported && !AdvSimd.IsSupported;

    /// <summary>Whether <see cref="Emulated"/> and the double steps can run here (x86 with SSE3), FMA or not.</summary>
    public static bool CanEmulate => Sse3.IsSupported;

    private const int LowBits = (1 << 29) - 1;
    private const int Midpoint = 1 << 28;
    private const int Magnitude = int.MaxValue;

    // 0 < bits(|r|) ≤ bits(2⁻¹²⁶) = 0x00800000: adding Shift = 2³¹ − 1 − 0x00800000 maps that range onto (Shift, 2³¹ − 1]
    // and every larger magnitude (∞ and NaN included) past 2³¹ into the negative numbers, while 0 stays at Shift: one
    // signed compare.
    private const int Shift = int.MaxValue - 0x00800000;

    /// <summary><c>fma(a, b, c)</c> per lane: the hardware instruction where there is one, else <see cref="Emulated"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FusedMultiplyAdd(Vector128<float> a, Vector128<float> b, Vector128<float> c) =>
        IsEmulated ? Emulated(a, b, c) : Vector128.FusedMultiplyAdd(a, b, c);

    /// <summary>The emulation itself (x86 with SSE3 only; tests run it on FMA machines against the hardware).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Emulated(Vector128<float> a, Vector128<float> b, Vector128<float> c)
    {
        Vector128<double> low = Sum(Sse2.ConvertToVector128Double(a), Sse2.ConvertToVector128Double(b),
            Sse2.ConvertToVector128Double(c));
        Vector128<double> high = Sum(Sse2.ConvertToVector128Double(Sse.MoveHighToLow(a, a)),
            Sse2.ConvertToVector128Double(Sse.MoveHighToLow(b, b)), Sse2.ConvertToVector128Double(Sse.MoveHighToLow(c, c)));
        Vector128<float> r = Sse.MoveLowToHigh(Sse2.ConvertToVector128Single(low), Sse2.ConvertToVector128Single(high));
        return Suspect(low, high, r) == Vector128<int>.Zero ? r : PerLane(a, b, c);
    }

    /// <summary><c>RN_double(a·b + c)</c> on two lanes of doubles that hold float values: exact but for the last rounding.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sum(Vector128<double> a, Vector128<double> b, Vector128<double> c) =>
        Sse2.Add(c, Sse2.Multiply(a, b));

    /// <summary>
    /// All ones in the lanes (as four ints: <paramref name="low"/>'s two, then <paramref name="high"/>'s) where the float
    /// <paramref name="rounded"/> = <c>(float)s</c> of a <see cref="Sum"/> s may differ from the fused fma: s on a float
    /// rounding boundary (low 29 fraction bits <c>0x10000000</c>, which sit in the low half of each double) or
    /// 0 &lt; |r| ≤ 2⁻¹²⁶.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<int> Suspect(Vector128<double> low, Vector128<double> high, Vector128<float> rounded)
    {
        Vector128<int> lowHalves = Sse.Shuffle(low.AsSingle(), high.AsSingle(), 0b10_00_10_00).AsInt32();
        Vector128<int> boundary = Sse2.CompareEqual(lowHalves & Vector128.Create(LowBits), Vector128.Create(Midpoint));
        Vector128<int> shift = Vector128.Create(Shift);
        return boundary | Sse2.CompareGreaterThan((rounded.AsInt32() & Vector128.Create(Magnitude)) + shift, shift);
    }

    private static Vector128<float> PerLane(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.Create(
        MathF.FusedMultiplyAdd(a[0], b[0], c[0]), MathF.FusedMultiplyAdd(a[1], b[1], c[1]),
        MathF.FusedMultiplyAdd(a[2], b[2], c[2]), MathF.FusedMultiplyAdd(a[3], b[3], c[3]));
}
