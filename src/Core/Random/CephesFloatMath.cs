namespace Verification.Core.Random;

/// <summary>
/// The float logarithm and sine/cosine PyTorch's 16-block normal kernel calls: <c>log256_ps</c> and <c>sincos256_ps</c>
/// of ATen's <c>aten/src/ATen/native/cpu/avx_mathfun.h</c> (Giovanni Garberoglio's AVX port of Julien Pommier's
/// <c>sse_mathfun.h</c>, itself Stephen Moshier's Cephes <c>logf</c>/<c>sinf</c>/<c>cosf</c>), one lane at a time.
/// <para>
/// Bit for bit, which needs the roundings of the compiled kernel, not only its formulas. libtorch's Linux build is
/// compiled by GCC with <c>-mavx2 -mfma</c> and GCC's default <c>-ffp-contract=fast</c>; GCC's <c>_mm256_mul_ps</c> and
/// <c>_mm256_add_ps</c> are plain vector <c>*</c> and <c>+</c>, so its FMA pass (tree-ssa-math-opts) fuses every
/// product whose only use is an addition or subtraction into one fused multiply-add, visiting products in program
/// order. Each <see cref="MathF.FusedMultiplyAdd"/> below stands where that pass puts one; every other operation rounds
/// on its own. Checked against the 10 920 block-path draws of tests/Golden/rng.json: all match with these fusions, and
/// leaving out those of the Horner steps, of the logarithm's <c>y·z + e·Q1</c> (or fusing <c>e·Q1</c> there instead),
/// of the cosine's <c>y·z − z/2</c> or of the sine's <c>y·x + x</c> each moves 4 to 59 of them by an ulp. The fusions in
/// the range reduction and in <c>e·Q2</c> change none of them (those products are exact or nearly so).
/// </para>
/// </summary>
public static class CephesFloatMath
{
    // Cephes logf: ln(1 + f) ≈ f − f²/2 + f³·P(f) on f ∈ [√½ − 1, √2 − 1), P of degree 8.
    private const float SqrtHalf = 0.707106781186547524f;
    private const float LogP0 = 7.0376836292E-2f;
    private const float LogP1 = -1.1514610310E-1f;
    private const float LogP2 = 1.1676998740E-1f;
    private const float LogP3 = -1.2420140846E-1f;
    private const float LogP4 = 1.4249322787E-1f;
    private const float LogP5 = -1.6668057665E-1f;
    private const float LogP6 = 2.0000714765E-1f;
    private const float LogP7 = -2.4999993993E-1f;
    private const float LogP8 = 3.3333331174E-1f;

    // ln 2 split as Q2 + Q1: Q2 = 0.693359375 has 9 significant bits, so e·Q2 is exact for any float exponent e.
    private const float Ln2Low = -2.12194440e-4f;
    private const float Ln2High = 0.693359375f;

    // Cephes sinf/cosf: 4/π, and π/4 in three parts (DP1 + DP2 + DP3) for the extended-precision reduction.
    private const float FourOverPi = 1.27323954473516f;
    private const float MinusPiOver4High = -0.78515625f;
    private const float MinusPiOver4Middle = -2.4187564849853515625e-4f;
    private const float MinusPiOver4Low = -3.77489497744594108e-8f;
    private const float SinP0 = -1.9515295891E-4f;
    private const float SinP1 = 8.3321608736E-3f;
    private const float SinP2 = -1.6666654611E-1f;
    private const float CosP0 = 2.443315711809948E-005f;
    private const float CosP1 = -1.388731625493765E-003f;
    private const float CosP2 = 4.166664568298827E-002f;

    private const int SignBit = unchecked((int)0x80000000);
    private const int ExponentBits = 0x7f800000;
    private const int ExponentOfOneHalf = 0x3f000000;
    private const int SmallestNormalBits = 0x00800000;

    /// <summary>
    /// ln x as <c>log256_ps</c>: x = m·2ᵉ with m ∈ [½, 1); if m &lt; √½ then f = 2m − 1, e −= 1, else f = m − 1;
    /// ln x = f − f²/2 + f³·P(f) + e·ln 2. Subnormal x is raised to the smallest normal float first; x ≤ 0 gives NaN.
    /// Within about an ulp of the true logarithm, but not the C library's value.
    /// </summary>
    public static float Log(float x)
    {
        bool invalid = x <= 0f;
        float smallestNormal = BitConverter.Int32BitsToSingle(SmallestNormalBits);
        x = x > smallestNormal ? x : smallestNormal; // _mm256_max_ps(x, min): the second operand unless x is greater (a NaN x gives min)

        int bits = BitConverter.SingleToInt32Bits(x);
        float e = (int)((uint)bits >> 23) - 0x7f;
        e += 1f;
        float f = BitConverter.Int32BitsToSingle((bits & ~ExponentBits) | ExponentOfOneHalf);

        // m < √½: use 2m − 1 (exact: m has exponent −1) and one less in the exponent.
        bool belowSqrtHalf = f < SqrtHalf;
        float addBack = belowSqrtHalf ? f : 0f;
        f -= 1f;
        e -= belowSqrtHalf ? 1f : 0f;
        f += addBack;

        float z = f * f;
        float y = LogP0;
        y = MathF.FusedMultiplyAdd(y, f, LogP1);
        y = MathF.FusedMultiplyAdd(y, f, LogP2);
        y = MathF.FusedMultiplyAdd(y, f, LogP3);
        y = MathF.FusedMultiplyAdd(y, f, LogP4);
        y = MathF.FusedMultiplyAdd(y, f, LogP5);
        y = MathF.FusedMultiplyAdd(y, f, LogP6);
        y = MathF.FusedMultiplyAdd(y, f, LogP7);
        y = MathF.FusedMultiplyAdd(y, f, LogP8);
        y *= f;

        // y·z + e·Q1: the first product in program order (y·z) is the one fused; e·Q1 rounds on its own.
        y = MathF.FusedMultiplyAdd(y, z, e * Ln2Low);
        y = MathF.FusedMultiplyAdd(-z, 0.5f, y);
        f += y;
        f = MathF.FusedMultiplyAdd(e, Ln2High, f);
        return invalid ? float.NaN : f;
    }

    /// <summary>
    /// sin x and cos x together as <c>sincos256_ps</c>: j = the even integer nearest above ⌊|x|·4/π⌋, r = |x| − j·π/4
    /// (π/4 in three parts), then on r ∈ [−π/4, π/4] the sine polynomial r + r³·S(r²) and the cosine polynomial
    /// 1 − r²/2 + r⁴·C(r²), swapped and signed by the octant j. Accurate for |x| up to about 8192.
    /// </summary>
    public static void SinCos(float x, out float sin, out float cos)
    {
        int sinSign = BitConverter.SingleToInt32Bits(x) & SignBit;
        x = MathF.Abs(x);

        int octant = (int)(x * FourOverPi); // truncation, as _mm256_cvttps_epi32
        octant = (octant + 1) & ~1;
        float y = octant;
        sinSign ^= (octant & 4) << 29;
        int cosSign = (~(octant - 2) & 4) << 29;
        bool sineOnSinePolynomial = (octant & 2) == 0;

        x = MathF.FusedMultiplyAdd(y, MinusPiOver4High, x);
        x = MathF.FusedMultiplyAdd(y, MinusPiOver4Middle, x);
        x = MathF.FusedMultiplyAdd(y, MinusPiOver4Low, x);

        float z = x * x;
        float cosPolynomial = CosP0;
        cosPolynomial = MathF.FusedMultiplyAdd(cosPolynomial, z, CosP1);
        cosPolynomial = MathF.FusedMultiplyAdd(cosPolynomial, z, CosP2);
        cosPolynomial *= z;
        // y·z − z·½: the first product (y·z) is fused; z·½ is exact anyway.
        cosPolynomial = MathF.FusedMultiplyAdd(cosPolynomial, z, -(z * 0.5f));
        cosPolynomial += 1f;

        float sinPolynomial = SinP0;
        sinPolynomial = MathF.FusedMultiplyAdd(sinPolynomial, z, SinP1);
        sinPolynomial = MathF.FusedMultiplyAdd(sinPolynomial, z, SinP2);
        sinPolynomial *= z;
        sinPolynomial = MathF.FusedMultiplyAdd(sinPolynomial, x, x);

        float sinMagnitude = sineOnSinePolynomial ? sinPolynomial : cosPolynomial;
        float cosMagnitude = sineOnSinePolynomial ? cosPolynomial : sinPolynomial;
        sin = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(sinMagnitude) ^ sinSign);
        cos = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(cosMagnitude) ^ cosSign);
    }
}
