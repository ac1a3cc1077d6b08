using Verification.Core.Random;
using Verification.Optimized;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Optimized;

/// <summary>
/// What mutation testing found unchecked in <see cref="FastMersenneTwister"/> (docs/reliability.md, "Mutation testing"):
/// the argument guards (type, argument name, message, the engine and the destination untouched), the inclusive bounds
/// p = 0 and p = 1, <c>Uniform</c> against Core's <c>uniform_</c> rather than only against its own scalar body, the
/// strict <c>u &lt; p</c> at a draw equal to p in every body, and the body width each entry point reports.
/// </summary>
public class FastMersenneTwisterMutationTests
{
    private const ulong Untouched = 0xA5A5A5A5A5A5A5A5UL;

    /// <summary>The widths a test lowers <see cref="KernelPaths.Limit"/> to (a width above the machine's runs the machine's).</summary>
    public static TheoryData<int> Widths() => [512, 256, 128, 0];

    [Fact]
    public void Every_entry_point_refuses_a_null_engine_or_state_by_name()
    {
        Assert.Equal("engine", Assert.Throws<ArgumentNullException>(() => FastMersenneTwister.Fill(null!, new uint[3])).ParamName);
        Assert.Equal("engine", Assert.Throws<ArgumentNullException>(() => FastMersenneTwister.BernoulliBits(null!, 0.5, new ulong[1], 3)).ParamName);
        Assert.Equal("engine", Assert.Throws<ArgumentNullException>(() => FastMersenneTwister.Uniform(null!, new float[3], 0f, 1f)).ParamName);
        Assert.Equal("engine", Assert.Throws<ArgumentNullException>(() => FastMersenneTwister.Uniform(null!, [], 0f, 1f)).ParamName);
        int position = 0;
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => FastMersenneTwister.Fill(null!, ref position, new uint[3])).ParamName);
        Assert.Equal("state", Assert.Throws<ArgumentNullException>(() => FastMersenneTwister.Regenerate(null!)).ParamName);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(MersenneTwister.StateSize - 1)]
    [InlineData(MersenneTwister.StateSize + 1)]
    public void A_state_of_the_wrong_length_is_refused_and_left_as_it_was(int length)
    {
        uint[] state = Enumerable.Range(1, length).Select(i => (uint)i).ToArray();
        uint[] before = (uint[])state.Clone();
        string message = $"a Mersenne Twister state has 624 words, got {length}.";
        // Position 0 reads the state at once; position 624 regenerates it first (Regenerate would refuse it too).
        foreach (int start in new[] { 0, MersenneTwister.StateSize })
        {
            int position = start;
            var destination = new uint[5];
            var fill = Assert.Throws<ArgumentException>(() => FastMersenneTwister.Fill(state, ref position, destination));
            Assert.Equal("state", fill.ParamName);
            Assert.StartsWith(message, fill.Message, StringComparison.Ordinal);
            Assert.Equal(start, position);
            Assert.All(destination, w => Assert.Equal(0u, w));
        }
        var regenerate = Assert.Throws<ArgumentException>(() => FastMersenneTwister.Regenerate(state));
        Assert.Equal("state", regenerate.ParamName);
        Assert.StartsWith(message, regenerate.Message, StringComparison.Ordinal);
        Assert.Equal(before, state);
    }

    [Fact]
    public void Tempering_into_a_shorter_destination_is_refused_by_name()
    {
        var destination = new uint[4];
        var error = Assert.Throws<ArgumentException>(() => FastMersenneTwister.Temper(new uint[] { 1, 2, 3, 4, 5 }, destination));
        Assert.Equal("destination", error.ParamName);
        Assert.StartsWith("destination holds 4 words but 5 are tempered.", error.Message, StringComparison.Ordinal);
        Assert.All(destination, w => Assert.Equal(0u, w));
    }

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.25)]
    [InlineData(double.NaN)]
    public void Bernoulli_bits_refuse_p_outside_the_unit_interval(double p)
    {
        var error = Refused<ArgumentOutOfRangeException>(p, count: 10, words: 1, "p", $"bernoulli_ expects p to be in [0, 1], but got p={p}.");
        Assert.Equal(p, error.ActualValue);
    }

    [Fact]
    public void Bernoulli_bits_refuse_a_negative_count_by_name()
    {
        var error = Refused<ArgumentOutOfRangeException>(0.5, count: -1, words: 1, "count", "count ('-1') must be a non-negative value.");
        Assert.Equal(-1, error.ActualValue);
    }

    [Theory]
    [InlineData(65, 1, "65 draws need 2 mask words but got 1.")]
    [InlineData(1, 0, "1 draws need 1 mask words but got 0.")]
    public void Bernoulli_bits_refuse_too_few_mask_words_by_name(int count, int words, string message) =>
        Refused<ArgumentException>(0.5, count, words, "bits", message);

    /// <summary>p = 0 keeps nothing and p = 1 everything: both bounds are inside <c>bernoulli_</c>'s range, and each element
    /// still consumes its two words.</summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Bernoulli_bits_accept_p_zero_and_one(double p)
    {
        const int count = 700;
        var fast = new TorchGenerator(9);
        var core = new TorchGenerator(9);
        var bits = new ulong[(count + 63) / 64];
        FastMersenneTwister.BernoulliBits(fast.Engine, p, bits, count);
        for (int i = 0; i < count; i++)
        {
            Assert.True((bits[i >> 6] >> (i & 63) & 1) == (p == 1 ? 1UL : 0UL), $"p = {p}: element {i}");
        }
        Assert.Equal(0UL, bits[^1] >> (count % 64));
        core.Bernoulli(new float[count], p);
        Assert.Equal(core.Random(), fast.Random());
    }

    /// <summary>Widths × (words drawn first, elements whose draw becomes p). From an even position a refill's 312 pairs
    /// are 19 vectors of 16 and the 512-bit body's 8-pair tail (elements 304…311); from an odd one, 311 pairs (the vector
    /// loops leave a scalar tail), then the pair straddling the refill (element 311), then 311 more.</summary>
    public static TheoryData<int, int, int[]> EqualDrawCases()
    {
        var cases = new TheoryData<int, int, int[]>();
        foreach (int width in new[] { 512, 256, 128, 0 })
        {
            cases.Add(width, 0, [0, 17, 303, 304, 311, 312, 650]);
            cases.Add(width, 1, [0, 300, 310, 311, 312, 699]);
        }
        return cases;
    }

    /// <summary>
    /// ATen keeps an element when its draw u is strictly below p. A draw equal to p is a 2⁻⁵³ coincidence at random, so
    /// it is forced: a twin generator reads the draws, and p is set to one of them (that element must be dropped) or to
    /// the next double above it (kept); Core's <c>bernoulli_</c> with the same p gives every other bit.
    /// </summary>
    [Theory]
    [MemberData(nameof(EqualDrawCases))]
    public void An_element_whose_draw_equals_p_is_dropped_and_one_just_below_p_kept_in_every_body(int width, int consumed, int[] elements)
    {
        const int count = 700;
        var twin = new TorchGenerator(13);
        for (int i = 0; i < consumed; i++) twin.Random();
        double[] draws = Enumerable.Range(0, count).Select(_ => twin.NextDouble()).ToArray();
        foreach (int element in elements)
        {
            foreach (double p in new[] { draws[element], Math.BitIncrement(draws[element]) })
            {
                var fast = new TorchGenerator(13);
                var core = new TorchGenerator(13);
                for (int i = 0; i < consumed; i++)
                {
                    fast.Random();
                    core.Random();
                }
                var bits = new ulong[(count + 63) / 64];
                KernelWidth.At(width, () => FastMersenneTwister.BernoulliBits(fast.Engine, p, bits, count));
                var expected = new float[count];
                core.Bernoulli(expected, p);
                string what = $"width {width}, {consumed} words first, p = draw {element}{(p > draws[element] ? " + 1 ulp" : "")}";
                Assert.True((bits[element >> 6] >> (element & 63) & 1) == (p > draws[element] ? 1UL : 0UL), $"{what}: element {element}");
                for (int i = 0; i < count; i++)
                {
                    Assert.True((bits[i >> 6] >> (i & 63) & 1) == (expected[i] == 1f ? 1UL : 0UL),
                        $"{what}: element {i} differs from Core's bernoulli_");
                }
            }
        }
    }

    /// <summary>
    /// <c>Uniform</c> is Core's <c>uniform_(from, to)</c> word for word in every body: the bounds ±1/√3 (Linear's for three
    /// inputs) need the single rounding of the fma, and the lengths cross the 1,024-word chunk and the 624-word refill.
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void Uniform_equals_the_core_generators_uniform_bit_for_bit(int width)
    {
        double bound = 1 / Math.Sqrt(3);
        foreach (int length in new[] { 1, 7, 623, 1024, 1025, 2600 })
        {
            var fast = new TorchGenerator(17);
            var core = new TorchGenerator(17);
            fast.Random();
            core.Random();
            var actual = new float[length];
            float lo = (float)-bound;
            KernelWidth.At(width, () => FastMersenneTwister.Uniform(fast.Engine, actual, lo, (float)bound - lo));
            var expected = new float[length];
            core.Uniform(expected, -bound, bound);
            for (int i = 0; i < length; i++)
            {
                Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                    $"width {width}, {length} values: value {i} is {actual[i]:R}, Core's uniform_ gives {expected[i]:R}");
            }
            Assert.Equal(core.Random(), fast.Random());
        }
    }

    /// <summary>Tempering in bulk is Core's tempering word for word in every body, and writes nothing past the source.</summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void Bulk_tempering_equals_the_core_tempering(int width)
    {
        var random = new System.Random(19);
        uint[] source = Enumerable.Range(0, 101).Select(_ => (uint)random.NextInt64(0, 1L << 32)).ToArray();
        var destination = new uint[source.Length + 3];
        KernelWidth.At(width, () => FastMersenneTwister.Temper(source, destination));
        for (int i = 0; i < source.Length; i++)
        {
            Assert.True(MersenneTwister.Temper(source[i]) == destination[i], $"width {width}: word {i}");
        }
        Assert.Equal(new uint[3], destination[^3..]);
    }

    /// <summary>
    /// Each entry point reports the body it ran (<see cref="KernelPaths.LastBodyBits"/>), even right after a kernel that
    /// ran another width: the report is the call's own, not left over.
    /// </summary>
    [Theory]
    [MemberData(nameof(Widths))]
    public void Each_entry_point_reports_the_width_it_ran_even_after_another_width(int width)
    {
        int expected = Math.Min(width, KernelPaths.HardwareBits);
        int other = expected == 0 ? KernelPaths.HardwareBits : 0;
        if (other == expected) return;
        var generator = new TorchGenerator(23);
        uint[] state = generator.Engine.SaveState().Words;
        foreach (var (entry, run) in new (string, Action)[]
        {
            ("Regenerate", () => FastMersenneTwister.Regenerate(state)),
            ("BernoulliBits", () => FastMersenneTwister.BernoulliBits(generator.Engine, 0.5, new ulong[2], 100)),
            ("BernoulliBits of nothing", () => FastMersenneTwister.BernoulliBits(generator.Engine, 0.5, [], 0)),
        })
        {
            KernelWidth.At(other, () => FastMersenneTwister.Fill(generator.Engine, new uint[40]));
            Assert.Equal(other, KernelPaths.LastBodyBits);
            KernelWidth.At(width, run);
            Assert.True(KernelPaths.LastBodyBits == expected, $"{entry} at width {width} reported {KernelPaths.LastBodyBits}");
        }
    }

    /// <summary>
    /// Runs <c>BernoulliBits</c> with the given arguments on a generator that has drawn a little and on mask words holding
    /// a sentinel, and checks the refusal's type, argument name and message, the engine's state unchanged and the words untouched.
    /// </summary>
    private static TException Refused<TException>(double p, int count, int words, string name, string message)
        where TException : ArgumentException
    {
        var g = new TorchGenerator(11);
        g.Random();
        MersenneTwisterState before = g.Engine.SaveState();
        ulong[] bits = Enumerable.Repeat(Untouched, words).ToArray();
        var error = Assert.Throws<TException>(() => FastMersenneTwister.BernoulliBits(g.Engine, p, bits, count));
        Assert.Equal(name, error.ParamName);
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        MersenneTwisterState after = g.Engine.SaveState();
        Assert.Equal(before.Words, after.Words);
        Assert.Equal(before.Position, after.Position);
        Assert.All(bits, w => Assert.Equal(Untouched, w));
        return error;
    }
}
