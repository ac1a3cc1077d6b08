namespace Verification.Laws;

/// <summary>
/// Comparison with a relative tolerance and an absolute floor, <c>|actual − expected| ≤ atol + rtol·|expected|</c>,
/// failing with a <see cref="LawViolation"/> at the first element outside it (NaN matches only NaN, ±∞ only itself).
/// </summary>
public static class Near
{
    /// <summary>Throws a violation of <paramref name="law"/> at the first element out of tolerance.</summary>
    public static void Equal(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double rtol, double atol, string law,
        Counterexample counterexample, string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new LawViolation(law, counterexample, $"{what}: {expected.Length} values", $"{actual.Length} values");
        }
        for (int i = 0; i < expected.Length; i++)
        {
            double e = expected[i], a = actual[i];
            bool ok = double.IsFinite(e) && double.IsFinite(a)
                ? Math.Abs(a - e) <= atol + rtol * Math.Abs(e)
                : (double.IsNaN(e) && double.IsNaN(a)) || e == a;
            if (!ok)
            {
                throw new LawViolation(law, counterexample.At(i), $"{what} = {expected[i]:R} (rtol {rtol:G3}, atol {atol:G3})",
                    $"{actual[i]:R}");
            }
        }
    }
}
