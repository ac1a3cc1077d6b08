using Verification.Core.Random;
using Xunit;

namespace Verification.Properties.CoreTypes;

/// <summary>
/// Every argument guard of <see cref="TorchGenerator"/>'s distributions, at and beyond each bound: the refusal's type,
/// argument name and message (ATen's wording, from <c>check_uniform_bounds</c> in aten/src/ATen/native/DistributionTemplates.h,
/// <c>normal_</c>'s std check and <c>bernoulli_</c>'s p check), the generator state and the destination untouched after it,
/// and each bound itself accepted. Mutation testing found these guards unchecked (docs/reliability.md, "Mutation testing").
/// </summary>
public class TorchGeneratorGuardTests
{
    private const float Untouched = 7f;

    [Theory]
    [InlineData(-1e39, 0.0, "from", "from is out of bounds for float, got -1E+39.")]
    [InlineData(1e39, 2e39, "from", "from is out of bounds for float, got 1E+39.")]
    [InlineData(double.NaN, 0.0, "from", "from is out of bounds for float, got NaN.")]
    [InlineData(0.0, 1e39, "to", "to is out of bounds for float, got 1E+39.")]
    [InlineData(0.0, -1e39, "to", "to is out of bounds for float, got -1E+39.")]
    [InlineData(0.0, double.NaN, "to", "to is out of bounds for float, got NaN.")]
    public void Uniform_refuses_a_bound_outside_float_by_name(double from, double to, string name, string message)
    {
        var error = Refused<ArgumentOutOfRangeException>((g, d) => g.Uniform(d, from, to), name, message);
        Assert.Equal(name == "from" ? from : to, error.ActualValue);
    }

    [Fact]
    public void Uniform_refuses_from_above_to() =>
        Refused<ArgumentException>((g, d) => g.Uniform(d, 1, 0.5), "from",
            "uniform_ expects to return a [from, to) range, but found from=1 > to=0.5.");

    [Fact]
    public void Uniform_refuses_a_width_float_cannot_hold() =>
        Refused<ArgumentException>((g, d) => g.Uniform(d, float.MinValue, float.MaxValue), "to",
            $"uniform_ expects to-from <= std::numeric_limits<float>::max(), but found to={(double)float.MaxValue} and " +
            $"from={(double)float.MinValue} which result in to-from to exceed the limit.");

    /// <summary>Each bound of each check is inclusive: the extreme floats, an empty range and the widest width float holds.</summary>
    [Theory]
    [InlineData(float.MinValue, float.MinValue)]
    [InlineData(float.MaxValue, float.MaxValue)]
    [InlineData(0.5, 0.5)]
    [InlineData(0.0, float.MaxValue)]
    [InlineData(float.MinValue, 0.0)]
    public void Uniform_accepts_every_bound_at_its_limit(double from, double to)
    {
        var g = new TorchGenerator(3);
        float[] values = Filled(64);
        g.Uniform(values, from, to);
        Assert.All(values, v => Assert.InRange(v, (float)from, (float)to));
        if (from == to) Assert.All(values, v => Assert.Equal((float)from, v));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(TorchGenerator.VectorNormalThreshold)]
    [InlineData(TorchGenerator.VectorNormalThreshold + 1)]
    public void Normal_refuses_a_NaN_mean_and_a_negative_or_NaN_std_on_both_paths(int length)
    {
        Refused<ArgumentException>((g, d) => g.Normal(d, double.NaN, 1), "mean",
            "normal expects a mean that is a number, but found NaN.", length: length);
        Refused<ArgumentException>((g, d) => g.Normal(d, 0, -1), "std", "normal expects std >= 0.0, but found std -1.", length: length);
        Refused<ArgumentException>((g, d) => g.Normal(d, 0, double.NaN), "std", "normal expects std >= 0.0, but found std NaN.",
            length: length);
    }

    /// <summary>The scalar entry point checks before it hands out the cached second Box–Muller value, so a refusal keeps it.</summary>
    [Fact]
    public void NextNormal_refuses_before_it_uses_the_cached_value()
    {
        Refused<ArgumentException>((g, _) => g.NextNormal(double.NaN, 1), "mean", "normal expects a mean that is a number, but found NaN.");
        Refused<ArgumentException>((g, _) => g.NextNormal(0, -0.5), "std", "normal expects std >= 0.0, but found std -0.5.");
        Refused<ArgumentException>((g, _) => g.NextNormal(0, -0.5), "std", "normal expects std >= 0.0, but found std -0.5.", withCachedNormal: true);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(TorchGenerator.VectorNormalThreshold + 1)]
    public void Normal_with_std_zero_is_the_mean_everywhere(int length)
    {
        float[] values = Filled(length);
        new TorchGenerator(5).Normal(values, 2.5, 0);
        Assert.All(values, v => Assert.Equal(2.5f, v));
        Assert.Equal(-1.5, new TorchGenerator(5).NextNormal(-1.5, 0));
    }

    [Theory]
    [InlineData(1.5, "bernoulli_ expects p to be in [0, 1], but got p=1.5.")]
    [InlineData(-0.25, "bernoulli_ expects p to be in [0, 1], but got p=-0.25.")]
    [InlineData(double.NaN, "bernoulli_ expects p to be in [0, 1], but got p=NaN.")]
    public void Bernoulli_refuses_p_outside_the_unit_interval(double p, string message)
    {
        var error = Refused<ArgumentOutOfRangeException>((g, d) => g.Bernoulli(d, p), "p", message);
        Assert.Equal(p, error.ActualValue);
    }

    [Fact]
    public void Bernoulli_accepts_p_zero_and_one()
    {
        float[] none = Filled(100), all = Filled(100);
        new TorchGenerator(6).Bernoulli(none, 0);
        new TorchGenerator(6).Bernoulli(all, 1);
        Assert.All(none, v => Assert.Equal(0f, v));
        Assert.All(all, v => Assert.Equal(1f, v));
    }

    /// <summary>
    /// ATen's <c>bernoulli_</c> keeps an element when its draw is strictly below p (<c>uniform(gen) &lt; p</c>). A draw equal
    /// to p is a 2⁻⁵³ coincidence at random, so it is forced: a twin generator reads the next draw, and p is set to it.
    /// </summary>
    [Theory]
    [InlineData(0UL)]
    [InlineData(42UL)]
    [InlineData(123456789UL)]
    public void Bernoulli_drops_an_element_whose_draw_equals_p(ulong seed)
    {
        var twin = new TorchGenerator(seed);
        double first = twin.NextDouble(), second = twin.NextDouble();
        var g = new TorchGenerator(seed);
        float[] mask = new float[2];
        g.Bernoulli(mask.AsSpan(0, 1), first);
        g.Bernoulli(mask.AsSpan(1, 1), Math.BitIncrement(second));
        Assert.Equal(new[] { 0f, 1f }, mask);
        Assert.Equal(twin.Random(), g.Random());
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Randperm_refuses_n_outside_one_array_by_name(int n)
    {
        var error = Refused<ArgumentOutOfRangeException>((g, _) => g.Randperm(n), "n", $"n must be non-negative and fit one array, got {n}.");
        Assert.Equal(n, error.ActualValue);
    }

    [Fact]
    public void A_null_state_is_refused_by_name() =>
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => new TorchGenerator(1).RestoreState(null!)).ParamName);

    [Fact]
    public void Rand_is_uniform_from_zero_to_one()
    {
        var twin = new TorchGenerator(4);
        float[] expected = new float[6];
        twin.Uniform(expected, 0, 1);
        Assert.Equal(expected, new TorchGenerator(4).Rand(2, 3).Data);
    }

    /// <summary>
    /// Runs <paramref name="call"/> on a generator that has drawn a little (and, if asked, holds a cached normal) and a
    /// destination of <paramref name="length"/> sentinels, and checks the refusal's type, argument name and message, that
    /// the generator's state is exactly what it was and that the destination still holds its sentinels.
    /// </summary>
    private static TException Refused<TException>(
        Action<TorchGenerator, float[]> call, string name, string message, bool withCachedNormal = false, int length = 3)
        where TException : ArgumentException
    {
        var g = new TorchGenerator(11);
        g.Random();
        if (withCachedNormal) g.NextNormal(0, 1);
        TorchGeneratorState before = g.SaveState();
        float[] destination = Filled(length);
        var error = Assert.Throws<TException>(() => call(g, destination));
        Assert.Equal(name, error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        TorchGeneratorState after = g.SaveState();
        Assert.Equal(before.Engine.Words, after.Engine.Words);
        Assert.Equal(before.Engine.Position, after.Engine.Position);
        Assert.Equal(before.NextDoubleNormal, after.NextDoubleNormal);
        Assert.Equal(before.InitialSeed, after.InitialSeed);
        Assert.All(destination, v => Assert.Equal(Untouched, v));
        return error;
    }

    private static float[] Filled(int length) => Enumerable.Repeat(Untouched, length).ToArray();
}
