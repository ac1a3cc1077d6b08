namespace Verification.Parity;

/// <summary>
/// An element-wise bound <c>|actual − expected| ≤ Absolute + Relative·|expected|</c>; <see cref="Exact"/> demands
/// the same float32 bit pattern, except that any NaN matches any NaN and +0 matches −0 (the golden files print every
/// zero as <c>0</c>, though PyTorch's x·0 is −0 for negative x).
/// </summary>
public readonly record struct Tolerance(double Relative, double Absolute, bool Exact = false)
{
    /// <summary>Bit for bit.</summary>
    public static Tolerance BitExact => new(0, 0, true);

    /// <summary>Within the bound.</summary>
    public static Tolerance Within(double relative, double absolute) => new(relative, absolute);

    /// <inheritdoc/>
    public override string ToString() => Exact ? "bit-exact" : $"rtol {Relative:G2}, atol {Absolute:G2}";
}

/// <summary>The largest error of a comparison and where the first violation (if any) is.</summary>
public readonly record struct Comparison(bool Ok, double LargestError, int Index, float Expected, float Actual)
{
    /// <summary>Compares element by element; for a failure, <see cref="Index"/> is the first violation.</summary>
    public static Comparison Of(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, Tolerance tolerance)
    {
        if (expected.Length != actual.Length)
        {
            return new Comparison(false, double.PositiveInfinity, Math.Min(expected.Length, actual.Length), float.NaN, float.NaN);
        }
        double largest = 0;
        int largestAt = 0, firstBad = -1;
        for (int i = 0; i < expected.Length; i++)
        {
            float e = expected[i], a = actual[i];
            bool ok;
            double error;
            if (float.IsNaN(e) || float.IsNaN(a))
            {
                ok = float.IsNaN(e) && float.IsNaN(a);
                error = ok ? 0 : double.PositiveInfinity;
            }
            else if (tolerance.Exact)
            {
                ok = BitConverter.SingleToInt32Bits(e) == BitConverter.SingleToInt32Bits(a) || (e == 0f && a == 0f);
                error = Math.Abs((double)a - e);
            }
            else if (float.IsInfinity(e) || float.IsInfinity(a))
            {
                ok = e == a;
                error = ok ? 0 : double.PositiveInfinity;
            }
            else
            {
                error = Math.Abs((double)a - e);
                ok = error <= tolerance.Absolute + tolerance.Relative * Math.Abs((double)e);
            }
            if (error > largest) { largest = error; largestAt = i; }
            if (!ok && firstBad < 0) firstBad = i;
        }
        int index = firstBad >= 0 ? firstBad : largestAt;
        return expected.Length == 0
            ? new Comparison(true, 0, 0, 0, 0)
            : new Comparison(firstBad < 0, largest, index, expected[index], actual[index]);
    }
}
