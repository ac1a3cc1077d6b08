using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core.Random;
using Verification.Properties.Golden;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.CoreTypes;

/// <summary>
/// <c>normal_</c>/<c>randn</c> as ATen's <c>normal_kernel</c> draws them (aten/src/ATen/native/cpu/DistributionTemplates.h):
/// below 16 elements one double Box–Muller value at a time with the second value of each pair cached; from 16 on,
/// float uniforms transformed by blocks of 16 (<see cref="BoxMullerBlock"/>), the last block redrawn when the length is
/// not a multiple of 16. The block arithmetic itself is pinned to PyTorch's own output (tests/Golden/rng.json).
/// </summary>
public class NormalDrawTests
{
    private const float Mean = 1.5f, Std = 0.3f;

    // FsCheck's default integers stay near zero (they grow with the test's size); these cover the whole ranges.
    private static readonly Arbitrary<ulong> Seeds = Gen.Choose(int.MinValue, int.MaxValue).Select(s => (ulong)(uint)s).ToArbitrary();
    private static readonly Arbitrary<bool> Flags = Gen.Elements(true, false).ToArbitrary();

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Sixteen_or_more_normals_are_whole_blocks_of_the_first_n_uniforms_then_a_redrawn_last_block() =>
        Prop.ForAll(Seeds, Gen.OneOf(Gen.Choose(16, 420), Gen.Elements(16, 17, 31, 32, 33, 47)).ToArbitrary(), Flags, BlockPathLaw);

    private static Property BlockPathLaw(ulong seed, int n, bool withCachedNormal)
    {
        var generator = new TorchGenerator(seed);
        var replay = new TorchGenerator(seed);
        double cachedNormal = 0;
        if (withCachedNormal)
        {
            generator.NextNormal(0, 1);
            replay.NextNormal(0, 1);
            cachedNormal = CachedSineOfFirstPair(seed);
        }
        var actual = new float[n];
        generator.Normal(actual, Mean, Std);

        var expected = new float[n];
        for (int i = 0; i < n; i++) expected[i] = replay.NextFloat();
        for (int start = 0; start + BoxMullerBlock.Size <= n; start += BoxMullerBlock.Size)
        {
            BoxMullerBlock.Transform(expected.AsSpan(start, BoxMullerBlock.Size), Mean, Std);
        }
        if (n % BoxMullerBlock.Size != 0)
        {
            var last = new float[BoxMullerBlock.Size];
            for (int i = 0; i < last.Length; i++) last[i] = replay.NextFloat();
            BoxMullerBlock.Transform(last, Mean, Std);
            last.CopyTo(expected, n - BoxMullerBlock.Size);
        }

        int firstDifference = FirstBitDifference(expected, actual, n);
        bool sameStreamPosition = generator.Random() == replay.Random();
        bool cacheUntouched = !withCachedNormal || generator.NextNormal(0, 1) == cachedNormal;
        return (firstDifference < 0).Label($"n = {n}: first different position {firstDifference}")
            .And(sameStreamPosition.Label($"n = {n}: the next word follows n uniforms plus 16 more when n mod 16 ≠ 0"))
            .And(cacheUntouched.Label("the block path neither uses nor clears the cached scalar normal"))
            .Classify(n % BoxMullerBlock.Size == 0, "whole blocks only");
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Fewer_than_16_normals_are_double_Box_Muller_pairs_cosine_first_then_the_cached_sine() =>
        Prop.ForAll(Seeds, Gen.Choose(1, BoxMullerBlock.Size - 1).ToArbitrary(), Flags, ScalarPathLaw);

    private static Property ScalarPathLaw(ulong seed, int n, bool withCachedNormal)
    {
        var generator = new TorchGenerator(seed);
        if (withCachedNormal) generator.NextNormal(0, 1);
        var actual = new float[n];
        generator.Normal(actual, Mean, Std);

        // at::normal_distribution<double>: u1 then u2; r = √(−2·log1p(−u2)), θ = 2π·u1; r·cos θ now, r·sin θ next.
        var replay = new TorchGenerator(seed);
        var standardNormals = new List<double>();
        int needed = n + (withCachedNormal ? 1 : 0);
        while (standardNormals.Count < needed)
        {
            double u1 = replay.NextDouble(), u2 = replay.NextDouble();
            double radius = Math.Sqrt(-2.0 * TorchGenerator.Log1P(-u2));
            double theta = 2.0 * Math.PI * u1;
            standardNormals.Add(radius * Math.Cos(theta));
            standardNormals.Add(radius * Math.Sin(theta));
        }
        int skip = withCachedNormal ? 1 : 0;
        // mean and std are applied in double, then rounded to float once (unlike the block path, which works in float).
        float[] expected = standardNormals.Skip(skip).Take(n).Select(z => (float)(z * Std + Mean)).ToArray();

        int firstDifference = FirstBitDifference(expected, actual, n);
        bool sameStreamPosition = generator.Random() == replay.Random();
        bool leftoverCached = needed % 2 == 0 || generator.NextNormal(0, 1) == standardNormals[needed];
        return (firstDifference < 0).Label($"n = {n}: first different position {firstDifference}")
            .And(sameStreamPosition.Label($"n = {n}: four words per pair drawn"))
            .And(leftoverCached.Label("an unused sine is left for the next scalar draw"));
    }

    /// <summary>
    /// rng.json holds PyTorch's <c>randn(1200)</c> and <c>normal_(1200, 1.5, 0.3)</c> for four seeds: 75 whole blocks
    /// each. A draw of any n ≥ 16 from the same seed transforms the same uniforms in the same blocks, so every position
    /// outside its redrawn last block must be PyTorch's value to the bit (a one-ulp change in ln, sin or cos fails).
    /// </summary>
    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Every_position_outside_the_redrawn_block_is_PyTorchs_own_value() =>
        Prop.ForAll(Gen.Elements(LongDraws.Value).ToArbitrary(), Gen.Choose(BoxMullerBlock.Size, 1200).ToArbitrary(), GoldenPrefixLaw);

    private static Property GoldenPrefixLaw(GoldenDraw reference, int n)
    {
        var actual = new float[n];
        new TorchGenerator(reference.Seed).Normal(actual, reference.Mean, reference.Std);
        int kept = n % BoxMullerBlock.Size == 0 ? n : n - BoxMullerBlock.Size;
        int firstDifference = FirstBitDifference(reference.Values, actual, kept);
        string where = firstDifference < 0
            ? ""
            : $": position {firstDifference}, PyTorch {reference.Values[firstDifference]:R}, ours {actual[firstDifference]:R}";
        return (firstDifference < 0).Label($"seed {reference.Seed}, normal_({reference.Mean}, {reference.Std}) of {n}{where}");
    }

    /// <summary>Every golden draw of 16 or more values, redrawn last blocks included (n = 16, 17, 32, 100, 1200).</summary>
    [Fact]
    public void Every_golden_block_draw_is_reproduced_bit_for_bit()
    {
        Assert.Equal(40, BlockDraws.Value.Length);
        foreach (var reference in BlockDraws.Value)
        {
            var actual = new float[reference.Values.Length];
            new TorchGenerator(reference.Seed).Normal(actual, reference.Mean, reference.Std);
            Compare.Exact(reference.Values, actual, $"seed {reference.Seed}, normal_({reference.Mean}, {reference.Std}) of {actual.Length}");
        }
    }

    [Fact]
    public void A_block_must_hold_exactly_16_values()
    {
        var tooShort = new float[15];
        var error = Assert.Throws<ArgumentException>(() => BoxMullerBlock.Transform(tooShort, 0, 1));
        Assert.Equal("block", error.ParamName);
        Assert.Contains("15", error.Message);
        Assert.All(tooShort, v => Assert.Equal(0f, v));
    }

    /// <summary>Cephes' float logarithm (ATen's <c>log256_ps</c>) is within one ulp of ln over all positive normal floats.</summary>
    [Property(MaxTest = PropertyCounts.Laws)]
    public Property The_block_logarithm_is_within_one_ulp() =>
        Prop.ForAll(Gen.Choose(0x00800000, 0x7f7fffff).Select(BitConverter.Int32BitsToSingle).ToArbitrary(), LogAccuracyLaw);

    private static Property LogAccuracyLaw(float x)
    {
        double exact = Math.Log(x);
        float nearest = (float)exact;
        double ulp = MathF.BitIncrement(MathF.Abs(nearest)) - MathF.Abs(nearest);
        double error = Math.Abs(CephesFloatMath.Log(x) - exact);
        return (error <= ulp).Label($"ln {x:R}: error {error:G3}, ulp {ulp:G3}");
    }

    [Fact]
    public void The_block_logarithm_handles_its_edges_as_ATen_does()
    {
        Assert.Equal(0f, CephesFloatMath.Log(1f));
        Assert.True(float.IsNaN(CephesFloatMath.Log(0f)));
        Assert.True(float.IsNaN(CephesFloatMath.Log(-2f)));
        float smallestNormal = BitConverter.Int32BitsToSingle(0x00800000);
        Assert.Equal(CephesFloatMath.Log(smallestNormal), CephesFloatMath.Log(float.Epsilon)); // subnormals are raised first
        Assert.Equal(Math.Log(smallestNormal), CephesFloatMath.Log(smallestNormal), 4);
    }

    /// <summary>Cephes' sine and cosine (ATen's <c>sincos256_ps</c>) stay within 2⁻²³ of the true values for |x| ≤ 8192.</summary>
    [Property(MaxTest = PropertyCounts.Laws)]
    public Property The_block_sine_and_cosine_are_within_two_to_the_minus_23() =>
        Prop.ForAll(Gen.Choose(-8192 * 4096, 8192 * 4096).Select(k => k / 4096f).ToArbitrary(), SinCosAccuracyLaw);

    private static Property SinCosAccuracyLaw(float x)
    {
        CephesFloatMath.SinCos(x, out float sin, out float cos);
        double sinError = Math.Abs(sin - Math.Sin(x)), cosError = Math.Abs(cos - Math.Cos(x));
        const double bound = 1.0 / (1 << 23);
        return (sinError <= bound).Label($"sin {x:R}: error {sinError:G3}")
            .And((cosError <= bound).Label($"cos {x:R}: error {cosError:G3}"));
    }

    /// <summary>The sine half of a fresh generator's first scalar Box–Muller pair (what <c>NextNormal</c> caches).</summary>
    private static double CachedSineOfFirstPair(ulong seed)
    {
        var generator = new TorchGenerator(seed);
        generator.NextNormal(0, 1);
        return generator.NextNormal(0, 1);
    }

    private static int FirstBitDifference(float[] expected, float[] actual, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i])) return i;
        }
        return -1;
    }

    private sealed record GoldenDraw(ulong Seed, float Mean, float Std, float[] Values);

    /// <summary>The golden randn/normal_ cases of 16 or more values.</summary>
    private static readonly Lazy<GoldenDraw[]> BlockDraws = new(() => GoldenFile.Cases("rng.json")
        .Where(c => c.Op() is "randn" or "normal_" && c.Floats("values").Length >= BoxMullerBlock.Size)
        .Select(c => c.Op() == "randn"
            ? new GoldenDraw(c.Seed(), 0f, 1f, c.Floats("values"))
            : new GoldenDraw(c.Seed(), (float)c.Param("mean"), (float)c.Param("std"), c.Floats("values")))
        .ToArray());

    /// <summary>Those of 1200 values (75 whole blocks).</summary>
    private static readonly Lazy<GoldenDraw[]> LongDraws = new(() => BlockDraws.Value.Where(d => d.Values.Length == 1200).ToArray());
}
