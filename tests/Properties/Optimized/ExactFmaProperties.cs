using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Optimized;
using Verification.Properties.Support;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Properties.Optimized;

/// <summary>
/// <see cref="ExactFma.Emulated"/> (double sum, rounding to float, suspect lanes redone) against
/// <see cref="MathF.FusedMultiplyAdd"/>, bit for bit: over arbitrary bit patterns, over ordinary magnitudes, and over
/// constructed hard cases — sums a hair below or above a float midpoint (where rounding twice goes wrong), exact ties,
/// sums cancelling to ±0, subnormal operands and results, the overflow threshold, NaN and ±∞. It runs on every x86
/// machine with SSE3, FMA or not, so the AVX-512 run tests it too; elsewhere the output says it did not run.
/// </summary>
public class ExactFmaProperties(ITestOutputHelper output)
{
    private const int TriplesPerCase = 256;

    private static readonly float[] Specials =
    [
        0f, -0f, 1f, -1f, float.PositiveInfinity, float.NegativeInfinity, float.NaN, float.MaxValue, -float.MaxValue,
        float.Epsilon, -float.Epsilon, 1.17549435e-38f, 1.17549421e-38f, BitConverter.Int32BitsToSingle(0x7FC12345),
        BitConverter.Int32BitsToSingle(unchecked((int)0xFFA00001)),
    ];

    private static float Scaled(int sign, int mantissa, int exponent) =>
        sign * (float)Math.ScaleB(1.0 + mantissa / (double)(1 << 23), exponent);

    private static Gen<float> AnyBits => ArbMap.Default.GeneratorFor<int>().Select(BitConverter.Int32BitsToSingle);

    private static Gen<float> Ordinary =>
        from sign in Gen.Elements(-1, 1)
        from mantissa in Gen.Choose(0, (1 << 23) - 1)
        from exponent in Gen.Choose(-30, 30)
        select Scaled(sign, mantissa, exponent);

    private static Gen<float> Tiny =>
        Gen.OneOf(
            from bits in Gen.Choose(0, 0x00FFFFFF) from sign in Gen.Elements(0, int.MinValue)
            select BitConverter.Int32BitsToSingle(bits | sign),
            from sign in Gen.Elements(-1, 1) from mantissa in Gen.Choose(0, (1 << 23) - 1) from exponent in Gen.Choose(-80, -40)
            select Scaled(sign, mantissa, exponent));

    /// <summary>
    /// a·b = ±(half an ulp of c)·(1 − i²·2⁻⁴⁶) with a = 2^e₁(1 + i·2⁻²³), b = 2^e₂(1 − i·2⁻²³): the exact sum lies a hair off a
    /// float midpoint (i &gt; 0, below double's precision for i ≤ 8) or on it (i = 0). c's mantissa is odd half the time, so
    /// ties to even and the double rounding pull opposite ways. c near float.MaxValue makes the same at the overflow
    /// threshold; small exponents put the sums in the subnormal range.
    /// </summary>
    private static Gen<(float A, float B, float C)> NearMidpoint =>
        from signC in Gen.Elements(-1, 1)
        from mantissa in Gen.Choose(0, (1 << 23) - 1)
        from exponentC in Gen.OneOf(Gen.Choose(-125, 127), Gen.Elements(127, -126, -125))
        from top in Gen.Elements(false, false, true)
        from signProduct in Gen.Elements(-1, 1)
        from i in Gen.Choose(0, 8)
        from split in Gen.Choose(-40, 40)
        let c = top ? signC * float.MaxValue : Scaled(signC, mantissa, exponentC)
        let halfUlp = Math.Max(Math.ILogB(c), -126) - 24
        let e1 = halfUlp / 2 + split
        let e2 = halfUlp - e1
        where e1 is >= -126 and <= 127 && e2 is >= -126 and <= 127
        select (Scaled(signProduct, i, e1), (float)Math.ScaleB(1.0 - i / (double)(1 << 23), e2), c);

    /// <summary>
    /// The same below 2⁻¹²⁶, where floats are multiples of 2⁻¹⁴⁹ and the midpoints odd multiples of 2⁻¹⁵⁰ (their double has
    /// no fixed low-bit pattern): c = j·2⁻¹⁴⁹ subnormal, a·b = ±2⁻¹⁵⁰(1 − 2⁻²ᵗ) with a = 2^e(1 + 2⁻ᵗ), b = 2^(−150−e)(1 − 2⁻ᵗ).
    /// </summary>
    private static Gen<(float A, float B, float C)> NearSubnormalMidpoint =>
        from j in Gen.Choose(1, (1 << 23) - 1)
        from signC in Gen.Elements(0, int.MinValue)
        from signProduct in Gen.Elements(-1, 1)
        from t in Gen.Choose(10, 23)
        from e in Gen.Choose(-100, -50)
        select (signProduct * (float)Math.ScaleB(1.0 + Math.ScaleB(1.0, -t), e),
            (float)Math.ScaleB(1.0 - Math.ScaleB(1.0, -t), -150 - e), BitConverter.Int32BitsToSingle(j | signC));

    /// <summary>a·b = −c exactly (b a power of two), with every sign of zero: the sum is ±0 as IEEE says.</summary>
    private static Gen<(float A, float B, float C)> Cancelling =>
        from a in Gen.OneOf(Ordinary, Gen.Elements(0f, -0f))
        from exponent in Gen.Choose(-20, 20)
        from sign in Gen.Elements(-1f, 1f)
        from zeroC in Gen.Elements(0f, -0f)
        from exact in Gen.Elements(true, true, false)
        let b = sign * MathF.ScaleB(1f, exponent)
        select (a, b, exact ? -(a * b) : zeroC);

    private static Gen<(float A, float B, float C)> Triples(Gen<float> value) =>
        from a in value from b in value from c in value select (a, b, c);

    private static Gen<(float A, float B, float C)> Mixed =>
        Gen.OneOf(Triples(AnyBits), Triples(Ordinary), Triples(Gen.OneOf(Ordinary, Tiny, Gen.Elements(Specials))),
            NearMidpoint, NearMidpoint, NearSubnormalMidpoint, Cancelling);

    private static bool Same(float x, float y) =>
        BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y) || (float.IsNaN(x) && float.IsNaN(y));

    /// <summary>The first triple whose emulated fma differs from the library's, or null.</summary>
    internal static string? FirstDifference((float A, float B, float C)[] triples)
    {
        for (int t = 0; t + 4 <= triples.Length; t += 4)
        {
            var a = Vector128.Create(triples[t].A, triples[t + 1].A, triples[t + 2].A, triples[t + 3].A);
            var b = Vector128.Create(triples[t].B, triples[t + 1].B, triples[t + 2].B, triples[t + 3].B);
            var c = Vector128.Create(triples[t].C, triples[t + 1].C, triples[t + 2].C, triples[t + 3].C);
            Vector128<float> emulated = ExactFma.Emulated(a, b, c);
            for (int lane = 0; lane < 4; lane++)
            {
                float expected = MathF.FusedMultiplyAdd(a[lane], b[lane], c[lane]);
                if (!Same(emulated[lane], expected))
                {
                    return $"fma({a[lane]:R}, {b[lane]:R}, {c[lane]:R}) = {expected:R} " +
                        $"(0x{BitConverter.SingleToInt32Bits(expected):X8}), emulated {emulated[lane]:R} " +
                        $"(0x{BitConverter.SingleToInt32Bits(emulated[lane]):X8})";
                }
            }
        }
        return null;
    }

    private bool Runs()
    {
        if (!ExactFma.CanEmulate)
        {
            output.WriteLine("ExactFma.Emulated: NOT RUN, this process has no SSE3 (not x86, or hardware intrinsics off)");
        }
        return ExactFma.CanEmulate;
    }

    private Property Agrees(Gen<(float A, float B, float C)> triples)
    {
        bool runs = Runs();
        return Prop.ForAll(triples.ArrayOf(TriplesPerCase).ToArbitrary(), cases =>
        {
            if (!runs) return true.ToProperty();
            string? difference = FirstDifference(cases);
            return (difference is null).Label(difference ?? "");
        });
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Emulated_fma_equals_the_fused_one_on_any_bit_patterns() => Agrees(Triples(AnyBits));

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Emulated_fma_equals_the_fused_one_a_hair_off_and_on_float_midpoints() => Agrees(NearMidpoint);

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Emulated_fma_equals_the_fused_one_near_subnormal_midpoints() => Agrees(NearSubnormalMidpoint);

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Emulated_fma_equals_the_fused_one_on_mixed_hard_cases() => Agrees(Mixed);

    /// <summary>
    /// The constructed cases are hard: rounding the double sum to float without the suspect-lane check gets some of them
    /// wrong (so the property above would fail if the check went missing).
    /// </summary>
    [Fact]
    public void Rounding_the_double_sum_alone_differs_from_the_fused_fma_on_the_constructed_cases()
    {
        if (!Runs()) return;
        var cases = NearMidpoint.Sample(2000, new Rnd(3UL), 50).Concat(NearSubnormalMidpoint.Sample(2000, new Rnd(5UL), 50)).ToArray();
        int wrong = cases.Count(t => !Same((float)((double)t.A * t.B + t.C), MathF.FusedMultiplyAdd(t.A, t.B, t.C)));
        output.WriteLine($"double rounding wrong on {wrong} of {cases.Length} constructed cases");
        Assert.True(wrong > 100, $"only {wrong} of {cases.Length} constructed cases defeat double rounding");
        Assert.Null(FirstDifference(cases));
    }

    /// <summary>Cases written out by their bits: ties, a hair off a midpoint, the overflow threshold, subnormals and zeros.</summary>
    [Theory]
    [InlineData(0x33800000, 0x3F800000, 0x3F800001)] // 2⁻²⁴·1 + (1 + 2⁻²³): an exact tie, to the even 1 + 2⁻²²
    [InlineData(0x33800001, 0x3F7FFFFE, 0x3F800001)] // a hair below that midpoint: 1 + 2⁻²³, where rounding twice gives 1 + 2⁻²²
    [InlineData(unchecked((int)0xB3800001), 0x3F7FFFFE, unchecked((int)0xBF800001))] // the same, negative
    [InlineData(0x59800001, 0x58FFFFFE, 0x7F7FFFFF)] // a hair below the overflow threshold: MaxValue, not ∞
    [InlineData(0x59800000, 0x59000000, 0x7F7FFFFF)] // exactly the threshold: ∞
    [InlineData(0x0DA24260, 0x2EDBE6FF, 0x00000000)] // 1e-30·1e-10: a subnormal result
    [InlineData(0x1A000008, 0x19FFFFF0, 0x00080001)] // 2⁻¹⁵⁰(1 − 2⁻⁴⁰) + (2¹⁹ + 1)·2⁻¹⁴⁹: a hair below a subnormal midpoint
    [InlineData(unchecked((int)0x80000000), 0x3F800000, unchecked((int)0x80000000))] // −0·1 + −0 = −0
    [InlineData(0x00000000, unchecked((int)0xBF800000), 0x00000000)] // 0·(−1) + 0 = +0
    [InlineData(0x40400000, 0x3F000000, unchecked((int)0xBFC00000))] // 3·0.5 − 1.5 = +0
    [InlineData(0x7FC12345, 0x3F800000, 0x7F800000)] // NaN·1 + ∞
    [InlineData(0x7F800000, 0x00000000, 0x3F800000)] // ∞·0 + 1: NaN
    public void Emulated_fma_equals_the_fused_one_on_written_cases(int a, int b, int c)
    {
        if (!Runs()) return;
        var triple = (BitConverter.Int32BitsToSingle(a), BitConverter.Int32BitsToSingle(b), BitConverter.Int32BitsToSingle(c));
        Assert.Null(FirstDifference(Enumerable.Repeat(triple, 4).ToArray()));
    }
}
