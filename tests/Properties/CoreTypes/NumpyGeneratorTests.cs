using System.Numerics;
using Verification.Core.Random;
using Xunit;

namespace Verification.Properties.CoreTypes;

/// <summary>
/// NumPy's <c>default_rng</c> beyond the golden file (tests/Golden/numpy.json, run by the parity suite): NumPy's
/// refusals, the laws the generator must keep, and glibc's <c>log1p</c> at its special values.
/// </summary>
public class NumpyGeneratorTests
{
    /// <summary>NumPy's own first draws: <c>np.random.default_rng(42).random(2)</c>, <c>.normal(0, 0.1, 2)</c> after them.</summary>
    [Fact]
    public void Seed_42_reproduces_numpys_first_draws()
    {
        var generator = new NumpyGenerator(42);
        Assert.Equal([0.7739560485559633, 0.4388784397520523], generator.Random(2));
        Assert.Equal(new NumpyGenerator(42).Random(3)[2], generator.Random());
    }

    [Fact]
    public void Bad_arguments_are_refused_with_numpys_messages()
    {
        var entropy = Assert.Throws<ArgumentOutOfRangeException>(() => new SeedSequence(-1));
        Assert.Equal("entropy", entropy.ParamName);
        Assert.Contains("expected non-negative integer", entropy.Message);
        var scale = Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyGenerator(1).Normal(0, -0.1, 3));
        Assert.Equal("scale", scale.ParamName);
        Assert.Contains("scale < 0", scale.Message);
        var size = Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyGenerator(1).Random(-2));
        Assert.Equal("n", size.ParamName);
        Assert.Contains("negative dimensions are not allowed", size.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyGenerator(1).Normal(0, 1, -1));
        Assert.Throws<ArgumentNullException>(() => new Pcg64((SeedSequence)null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SeedSequence(3).GenerateState32(-1));
    }

    /// <summary>A refused call leaves the stream where it was: nothing is drawn before the check.</summary>
    [Fact]
    public void A_refused_call_draws_nothing()
    {
        var generator = new NumpyGenerator(7);
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.Normal(0, -1, 5));
        Assert.Equal(new NumpyGenerator(7).Random(), generator.Random());
    }

    /// <summary>The increment is odd (a full-period LCG needs it), and the seed words reach both state and stream.</summary>
    [Fact]
    public void Seeding_gives_an_odd_increment_and_distinct_streams_per_seed()
    {
        var a = new Pcg64(new BigInteger(1));
        var b = new Pcg64(new BigInteger(2));
        Assert.Equal(UInt128.One, a.Increment & UInt128.One);
        Assert.NotEqual(a.Increment, b.Increment);
        Assert.NotEqual(a.State, b.State);
    }

    /// <summary>Large seeds use every 32-bit word: seeds differing only above bit 128 give different pools.</summary>
    [Fact]
    public void Entropy_beyond_the_pool_still_changes_the_pool()
    {
        var low = new SeedSequence(BigInteger.One << 200);
        var high = new SeedSequence((BigInteger.One << 200) + (BigInteger.One << 160));
        Assert.NotEqual(low.Pool, high.Pool);
        Assert.Equal(BigInteger.One << 200, low.Entropy);
    }

    [Theory]
    [InlineData(-1.0, double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(0.0, 0.0)]
    [InlineData(1e-300, 1e-300)]
    public void Log1p_special_values(double x, double expected) => Assert.Equal(expected, GlibcLog1p.Log1p(x));

    [Theory]
    [InlineData(-1.5)]
    [InlineData(double.NegativeInfinity)]
    [InlineData(double.NaN)]
    public void Log1p_is_nan_below_minus_one(double x) => Assert.True(double.IsNaN(GlibcLog1p.Log1p(x)));

    /// <summary>The standard normal's mean and variance over 200 000 draws: within 5 standard errors of 0 and 1.</summary>
    [Fact]
    public void Normal_draws_have_the_standard_moments()
    {
        const int n = 200_000;
        var draws = new NumpyGenerator(2026).Normal(0, 1, n);
        double mean = draws.Average();
        double variance = draws.Sum(x => (x - mean) * (x - mean)) / (n - 1);
        Assert.InRange(mean, -5 / Math.Sqrt(n), 5 / Math.Sqrt(n));
        Assert.InRange(variance, 1 - 5 * Math.Sqrt(2.0 / n), 1 + 5 * Math.Sqrt(2.0 / n)); // sd of s² is √(2/n)·σ²
    }
}
