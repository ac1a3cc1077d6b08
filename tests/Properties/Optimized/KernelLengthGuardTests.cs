using Verification.Core.Random;
using Verification.Optimized;
using Xunit;

namespace Verification.Properties.Optimized;

/// <summary>
/// The length checks inside the fused kernels' driver (<c>VectorDriver</c>) and Dropout's fused draw
/// (<c>FastMersenneTwister.BernoulliMasked</c>). Every layer checks its inputs before it calls them, so no public call
/// reaches these checks: they guard the next internal caller, whose short span the vector loops would otherwise read or
/// write past (they address memory unchecked). Each check must refuse a span one element short, name it, and leave
/// every output as it was. Mutation testing had called them unreachable (docs/reliability.md, the VectorDriver run).
/// </summary>
public class KernelLengthGuardTests
{
    private const int N = 37; // a whole 512-bit vector, a 256-bit one and a tail at every width
    private const float Untouched = -7f;

    [Fact]
    public void Map_refuses_a_short_output()
    {
        float[] x = Filled(N, 1f), y = Filled(N - 1, Untouched);
        AssertRefused("y", N - 1, N, () => VectorDriver.Map<float, float, ScaleShift>(new ScaleShift(2f, 1f), x, y));
        AssertUntouched(y);
    }

    [Theory]
    [InlineData("b")]
    [InlineData("y")]
    public void Zip_refuses_a_short_second_input_or_output(string shortOne)
    {
        float[] a = Filled(N, 1f), b = Filled(shortOne == "b" ? N - 1 : N, 1f), y = Filled(shortOne == "y" ? N - 1 : N, Untouched);
        AssertRefused(shortOne, N - 1, N, () => VectorDriver.Zip(new ReluGradient(), a, b, y));
        AssertUntouched(y);
    }

    [Theory]
    [InlineData(N, "y")]
    [InlineData(65, "mask")] // 65 elements need ⌈65/64⌉ = 2 mask words; a check of (65 − 63)/64 = 0 words would take 1
    [InlineData(128, "mask")]
    public void Masked_refuses_a_short_output_or_mask(int n, string shortOne)
    {
        int words = (n + 63) / 64;
        float[] x = Filled(n, 1f), y = Filled(shortOne == "y" ? n - 1 : n, Untouched);
        ulong[] mask = Enumerable.Repeat(ulong.MaxValue, shortOne == "mask" ? words - 1 : words).ToArray();
        AssertRefused(shortOne, shortOne == "y" ? n - 1 : words - 1, shortOne == "y" ? n : words,
            () => VectorDriver.Masked(new KeptScale(2f), x, mask, y));
        AssertUntouched(y);
    }

    [Theory]
    [InlineData("g")]
    [InlineData("m")]
    [InlineData("v")]
    public void Update_refuses_a_short_gradient_or_state(string shortOne)
    {
        float[] w = Filled(N, Untouched), g = Filled(shortOne == "g" ? N - 1 : N, 1f);
        float[] m = Filled(shortOne == "m" ? N - 1 : N, Untouched), v = Filled(shortOne == "v" ? N - 1 : N, Untouched);
        var sgd = new SgdUpdate(-0.1f, 0f, 0.9f, 1f, firstStep: false, nesterov: false);
        AssertRefused(shortOne, N - 1, N, () => VectorDriver.Update(sgd, w, g, m, v));
        AssertUntouched(w);
        AssertUntouched(m);
        AssertUntouched(v);
    }

    [Fact]
    public void Update_without_state_needs_no_state_spans()
    {
        float[] w = Filled(N, 1f), g = Filled(N, 1f);
        VectorDriver.Update(new SgdUpdate(-0.5f, 0f, 0f, 1f, firstStep: true, nesterov: false), w, g, [], []);
        Assert.All(w, wi => Assert.Equal(0.5f, wi));
    }

    [Fact]
    public void Dropouts_fused_draw_refuses_a_short_output_before_drawing()
    {
        var engine = new MersenneTwister(5);
        var twin = new MersenneTwister(5);
        float[] x = Filled(N, 1f), y = Filled(N - 1, Untouched);
        ulong[] bits = new ulong[1];
        var error = Assert.Throws<ArgumentException>(() =>
            FastMersenneTwister.BernoulliMasked(engine, 0.5, bits, new KeptScale(2f), x, y));
        Assert.Equal("y", error.ParamName);
        Assert.StartsWith($"y holds {N - 1} elements but x has {N}.", error.Message);
        AssertUntouched(y);
        Assert.Equal(0UL, bits[0]);
        Assert.Equal(twin.Next(), engine.Next());
    }

    private static void AssertRefused(string name, int actual, int needed, Action call)
    {
        var error = Assert.Throws<ArgumentException>(call);
        Assert.Equal(name, error.ParamName);
        Assert.StartsWith($"{name} holds {actual} elements but the kernel needs {needed}.", error.Message);
    }

    private static float[] Filled(int length, float value) => Enumerable.Repeat(value, length).ToArray();

    private static void AssertUntouched(float[] values) => Assert.All(values, value => Assert.Equal(Untouched, value));
}
