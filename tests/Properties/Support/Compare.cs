using Verification.Core;
using Xunit.Sdk;

namespace Verification.Properties.Support;

/// <summary>
/// Element-wise comparison with a relative tolerance and an absolute floor:
/// <c>|actual − expected| ≤ atol + rtol·|expected|</c>. A failure names what was compared, the first bad index,
/// both values and the largest error, so a broken case can be read without a debugger.
/// </summary>
public static class Compare
{
    /// <summary>Asserts every element is within tolerance; NaN matches only NaN, ±∞ only itself.</summary>
    public static void Close(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double rtol, double atol, string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: expected {expected.Length} values but got {actual.Length}.");
        }
        int worst = -1;
        double worstExcess = 0, worstError = 0;
        int firstBad = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            if (double.IsNaN(e) || double.IsNaN(a) || double.IsInfinity(e) || double.IsInfinity(a))
            {
                bool same = (double.IsNaN(e) && double.IsNaN(a)) || e == a;
                if (!same && firstBad < 0) firstBad = i;
                continue;
            }
            double error = Math.Abs(a - e);
            double excess = error - (atol + rtol * Math.Abs(e));
            if (error > worstError) { worstError = error; worst = i; }
            if (excess > 0 && firstBad < 0) firstBad = i;
            if (excess > worstExcess) worstExcess = excess;
        }
        if (firstBad >= 0)
        {
            throw new XunitException(
                $"{what}: index {firstBad} expected {expected[firstBad]:R} but got {actual[firstBad]:R} " +
                $"(rtol {rtol:G3}, atol {atol:G3}); largest error {worstError:G3} at index {worst} of {expected.Length}.");
        }
    }

    /// <summary>Asserts bit-for-bit equality (the same float32 bit patterns; all NaNs count as equal).</summary>
    public static void Exact(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{what}: expected {expected.Length} values but got {actual.Length}.");
        }
        for (int i = 0; i < expected.Length; i++)
        {
            bool same = BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i])
                        || (float.IsNaN(expected[i]) && float.IsNaN(actual[i]));
            if (!same)
            {
                throw new XunitException($"{what}: index {i} expected {expected[i]:R} but got {actual[i]:R} (bit-exact comparison).");
            }
        }
    }

    /// <summary>Tensor overload of <see cref="Exact(ReadOnlySpan{float}, ReadOnlySpan{float}, string)"/> that also checks shapes.</summary>
    public static void Exact(Tensor expected, Tensor actual, string what)
    {
        if (!expected.SameShape(actual))
        {
            throw new XunitException($"{what}: expected shape {expected.ShapeText} but got {actual.ShapeText}.");
        }
        Exact(expected.Data, actual.Data, what);
    }

    /// <summary>
    /// Tensor overload of <see cref="Close(ReadOnlySpan{float}, ReadOnlySpan{float}, double, double, string)"/> that also
    /// checks shapes.
    /// </summary>
    public static void Close(Tensor expected, Tensor actual, double rtol, double atol, string what)
    {
        if (!expected.SameShape(actual))
        {
            throw new XunitException($"{what}: expected shape {expected.ShapeText} but got {actual.ShapeText}.");
        }
        Close(expected.Data, actual.Data, rtol, atol, what);
    }
}
