namespace Verification.Laws;

/// <summary>Bit-for-bit comparisons the laws share, each failing with a <see cref="LawViolation"/>.</summary>
public static class Bits
{
    /// <summary>True when two floats have the same bit pattern, or are both NaN.</summary>
    public static bool Same(float expected, float actual) =>
        BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual)
        || (float.IsNaN(expected) && float.IsNaN(actual));

    /// <summary>Throws a violation of <paramref name="law"/> at the first element where the two differ (all NaNs equal).</summary>
    public static void Equal(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string law, Counterexample counterexample,
        string what)
    {
        if (expected.Length != actual.Length)
        {
            throw new LawViolation(law, counterexample, $"{what}: {expected.Length} values", $"{actual.Length} values");
        }
        for (int i = 0; i < expected.Length; i++)
        {
            if (!Same(expected[i], actual[i]))
            {
                throw new LawViolation(law, counterexample.At(i), $"{what} = {expected[i]:R} (bit-exact)", $"{actual[i]:R}");
            }
        }
    }
}
