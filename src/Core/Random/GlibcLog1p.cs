namespace Verification.Core.Random;

/// <summary>
/// <c>log1p</c> exactly as NumPy's normal tail calls it on x86-64 Linux: glibc's fdlibm-derived
/// sysdeps/ieee754/dbl-64/s_log1p.c in the variant glibc selects on processors with FMA (glibc 2.36, the ifunc that
/// compiles the same C with <c>-mfma</c>). The compiler fused the products listed below into single roundings; the
/// arithmetic is otherwise the C source's, step for step. .NET has no <c>log1p</c>, and <c>log(1 + x)</c> differs in
/// the last bit for about a third of the tail's inputs, which would move every tail draw.
/// </summary>
/// <remarks>
/// Method (fdlibm): <c>1 + x = 2ᵏ·(1 + f)</c> with √2/2 &lt; 1 + f &lt; √2 and a correction <c>c/u</c> for the rounding of
/// <c>u = 1 + x</c>; <c>s = f/(2 + f)</c>, <c>log(1 + f) = f − (f²/2 − s·(f²/2 + R(s²)))</c> with a degree-7 polynomial R
/// evaluated in Estrin's scheme; <c>k·ln 2</c> split into <c>ln2_hi + ln2_lo</c>. Fused under FMA: the three pairs of
/// R's coefficients, R's sum, <c>k·ln2_lo + c</c> and the final <c>k·ln2_hi − (…)</c>.
/// </remarks>
public static class GlibcLog1p
{
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;
    private const double Lp1 = 6.666666666666735130e-01;
    private const double Lp2 = 3.999999999940941908e-01;
    private const double Lp3 = 2.857142874366239149e-01;
    private const double Lp4 = 2.222219843214978396e-01;
    private const double Lp5 = 1.818357216161805012e-01;
    private const double Lp6 = 1.531383769920937332e-01;
    private const double Lp7 = 1.479819860511658591e-01;

    /// <summary><c>log(1 + x)</c>; −∞ at −1, NaN below −1 and for NaN, +∞ at +∞.</summary>
    public static double Log1p(double x)
    {
        int hx = HighWord(x);
        int ax = hx & 0x7fffffff;
        int k = 1, hu = 0;
        double f = 0, c = 0;
        if (hx < 0x3FDA827A) // x < 0.41422
        {
            if (ax >= 0x3ff00000) return x == -1.0 ? double.NegativeInfinity : double.NaN; // x ≤ −1
            if (ax < 0x3e200000) // |x| < 2⁻²⁹: x − x²/2, or x itself below 2⁻⁵⁴
            {
                return ax < 0x3c900000 ? x : Math.FusedMultiplyAdd(-(x * x), 0.5, x);
            }
            if (hx > 0 || hx <= unchecked((int)0xbfd2bec3)) // −0.2929 < x < 0.41422: f = x exactly
            {
                k = 0;
                f = x;
                hu = 1;
            }
        }
        else if (hx >= 0x7ff00000)
        {
            return x + x;
        }
        if (k != 0)
        {
            double u;
            if (hx < 0x43400000)
            {
                u = 1.0 + x;
                hu = HighWord(u);
                k = (hu >> 20) - 1023;
                c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0); // what the rounding of 1 + x lost
                c /= u;
            }
            else
            {
                u = x;
                hu = HighWord(u);
                k = (hu >> 20) - 1023;
                c = 0;
            }
            hu &= 0x000fffff;
            if (hu < 0x6a09e)
            {
                u = WithHighWord(u, hu | 0x3ff00000); // u in [1, √2)
            }
            else
            {
                k += 1;
                u = WithHighWord(u, hu | 0x3fe00000); // u/2 in [√2/2, 1)
                hu = (0x00100000 - hu) >> 2;
            }
            f = u - 1.0;
        }
        double hfsq = 0.5 * f * f;
        if (hu == 0) // |f| < 2⁻²⁰
        {
            if (f == 0) return k == 0 ? 0.0 : Math.FusedMultiplyAdd(k, Ln2Hi, Math.FusedMultiplyAdd(k, Ln2Lo, c));
            double r = Math.FusedMultiplyAdd(-f, 0.66666666666666666, 1.0) * hfsq;
            return k == 0 ? f - r : Math.FusedMultiplyAdd(k, Ln2Hi, -((r - Math.FusedMultiplyAdd(k, Ln2Lo, c)) - f));
        }
        double s = f / (2.0 + f);
        double z = s * s;
        double r2 = Math.FusedMultiplyAdd(z, Lp3, Lp2);
        double r3 = Math.FusedMultiplyAdd(z, Lp5, Lp4);
        double r4 = Math.FusedMultiplyAdd(z, Lp7, Lp6);
        double z2 = z * z, z4 = z2 * z2, z6 = z2 * z4;
        double poly = Math.FusedMultiplyAdd(z6, r4, Math.FusedMultiplyAdd(z4, r3, Math.FusedMultiplyAdd(z, Lp1, z2 * r2)));
        double t = s * (hfsq + poly);
        return k == 0
            ? f - (hfsq - t)
            : Math.FusedMultiplyAdd(k, Ln2Hi, -((hfsq - (t + Math.FusedMultiplyAdd(k, Ln2Lo, c))) - f));
    }

    private static int HighWord(double x) => (int)(BitConverter.DoubleToInt64Bits(x) >> 32);

    private static double WithHighWord(double x, int high) =>
        BitConverter.Int64BitsToDouble(((long)high << 32) | (BitConverter.DoubleToInt64Bits(x) & 0xffffffffL));
}
