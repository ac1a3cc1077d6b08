using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core.Random;
using Verification.Optimized;
using Verification.Properties.Support;

namespace Verification.Properties.Optimized;

/// <summary>The fast engine must be Core's generator, word for word, whatever the seed, position and length.</summary>
public class FastMersenneTwisterProperties
{
    /// <summary>(seed, words consumed first, words drawn in bulk): lengths reach past two 624-word refills.</summary>
    private static Arbitrary<(uint Seed, int Consumed, int Length)> Draws() =>
        (from seed in Gen.Choose(0, int.MaxValue).Select(s => (uint)s)
         from consumed in Gen.OneOf(Gen.Choose(0, 1300), Gen.Elements(0, 1, 623, 624, 625, 1247, 1248))
         from length in Gen.OneOf(Gen.Choose(0, 2000), Gen.Elements(1, 15, 16, 17, 623, 624, 625, 1248))
         select (seed, consumed, length)).ToArbitrary();

    /// <summary>The widths a test lowers <see cref="KernelPaths.Limit"/> to (a width above the machine's runs the machine's).</summary>
    private static Gen<int> Widths => Gen.Elements(512, 256, 128, 0);

    private static Property FillEqualsCore(int width) =>
        Prop.ForAll(Draws(), d =>
        {
            int? saved = KernelPaths.Limit;
            KernelPaths.Limit = width;
            try
            {
                var fast = new TorchGenerator(d.Seed);
                var core = new TorchGenerator(d.Seed);
                for (int i = 0; i < d.Consumed; i++)
                {
                    fast.Random();
                    core.Random();
                }
                var words = new uint[d.Length];
                FastMersenneTwister.Fill(fast.Engine, words);
                for (int i = 0; i < d.Length; i++)
                {
                    uint expected = core.Random();
                    if (words[i] != expected)
                    {
                        return false.Label($"word {i}: expected {expected} got {words[i]}");
                    }
                }
                // The engine's state and position moved exactly as Core's would: the streams continue together.
                for (int i = 0; i < 700; i++)
                {
                    if (fast.Random() != core.Random())
                    {
                        return false.Label($"after the bulk fill, word {i} differs");
                    }
                }
                return true.ToProperty();
            }
            finally
            {
                KernelPaths.Limit = saved;
            }
        });

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Fill_with_512_bit_bodies_equals_the_core_generator_word_for_word() => FillEqualsCore(512);

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Fill_with_256_bit_bodies_equals_the_core_generator_word_for_word() => FillEqualsCore(256);

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Fill_with_128_bit_bodies_equals_the_core_generator_word_for_word() => FillEqualsCore(128);

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Scalar_fill_equals_the_core_generator_word_for_word() => FillEqualsCore(0);

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Bulk_bernoulli_bits_equal_the_core_generator_bernoulli() =>
        Prop.ForAll(Draws(), Gen.Elements(0.0, 1e-9, 0.1, 0.3, 0.5, 0.6, 0.9, 1.0 - 1e-12, 1.0).ToArbitrary(), Widths.ToArbitrary(),
            (d, p, width) =>
        {
            int? saved = KernelPaths.Limit;
            KernelPaths.Limit = width;
            try
            {
                return BernoulliEqualsCore(d, p).Label($"width {width}");
            }
            finally
            {
                KernelPaths.Limit = saved;
            }
        });

    private static Property BernoulliEqualsCore((uint Seed, int Consumed, int Length) d, double p)
    {
        var fast = new TorchGenerator(d.Seed);
        var core = new TorchGenerator(d.Seed);
        for (int i = 0; i < d.Consumed; i++)
        {
            fast.Random();
            core.Random();
        }
        int count = d.Length;
        var bits = new ulong[(count + 63) / 64];
        FastMersenneTwister.BernoulliBits(fast.Engine, p, bits, count);
        var expected = new float[count];
        core.Bernoulli(expected, p);
        for (int i = 0; i < count; i++)
        {
            bool kept = (bits[i >> 6] >> (i & 63) & 1) != 0;
            if (kept != (expected[i] == 1f))
            {
                return false.Label($"p={p} element {i}: core {expected[i]}, fast {(kept ? 1 : 0)}");
            }
        }
        if (count % 64 != 0 && bits[^1] >> (count % 64) != 0)
        {
            return false.Label("bits past the count are not cleared");
        }
        return (fast.Random() == core.Random()).Label("streams continue together");
    }
}
