using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core.Random;
using Verification.Optimized;
using Verification.Properties.Optimized.Broken;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Optimized;

/// <summary>The regeneration and Bernoulli properties, stated over an implementation, and shown to reject the broken ones.</summary>
public class BrokenEngineTests
{
    private static Arbitrary<uint> Seeds() => Gen.Choose(0, int.MaxValue).Select(s => (uint)s).ToArbitrary();

    /// <summary>Regenerating a seeded state (and a state after several regenerations) gives Core's words.</summary>
    private static Property RegenerationEqualsCore(Action<uint[]> regenerate) =>
        Prop.ForAll(Seeds(), Gen.Choose(0, 3).ToArbitrary(), (seed, rounds) =>
        {
            var engine = new MersenneTwister(seed);
            var words = new uint[MersenneTwister.StateSize];
            for (int r = 0; r < rounds; r++) engine.Fill(words);
            uint[] expected = engine.SaveState().Words;
            uint[] actual = (uint[])expected.Clone();
            MersenneTwister.Regenerate(expected);
            regenerate(actual);
            for (int k = 0; k < expected.Length; k++)
            {
                if (expected[k] != actual[k]) return false.Label($"word {k}: expected {expected[k]} got {actual[k]}");
            }
            return true.ToProperty();
        });

    /// <summary>Keep decisions equal Core's <c>bernoulli_(p)</c> for every element.</summary>
    private static Property BernoulliEqualsCore(Func<TorchGenerator, double, int, bool[]> bernoulli) =>
        Prop.ForAll(Seeds(), Gen.Choose(1, 300).ToArbitrary(), (seed, count) =>
        {
            const double p = 0.5;
            var expected = new float[count];
            new TorchGenerator(seed).Bernoulli(expected, p);
            bool[] actual = bernoulli(new TorchGenerator(seed), p, count);
            for (int i = 0; i < count; i++)
            {
                if (actual[i] != (expected[i] == 1f)) return false.Label($"element {i} differs");
            }
            return true.ToProperty();
        });

    private static bool[] FastBernoulli(TorchGenerator g, double p, int count)
    {
        var bits = new ulong[(count + 63) / 64];
        FastMersenneTwister.BernoulliBits(g.Engine, p, bits, count);
        return Enumerable.Range(0, count).Select(i => (bits[i >> 6] >> (i & 63) & 1) != 0).ToArray();
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property The_vectorised_regeneration_equals_the_core_twist() => RegenerationEqualsCore(FastMersenneTwister.Regenerate);

    [Fact]
    public void The_regeneration_property_rejects_vectorising_into_the_overlap() =>
        Assert.ThrowsAny<Exception>(() => RegenerationEqualsCore(BrokenEngines.RegenerateVectorisingTheOverlap).QuickCheckThrowOnFailure());

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property The_bulk_bernoulli_equals_the_core_bernoulli() => BernoulliEqualsCore(FastBernoulli);

    [Fact]
    public void The_bernoulli_property_rejects_swapped_words() =>
        Assert.ThrowsAny<Exception>(() => BernoulliEqualsCore(BrokenEngines.BernoulliWithSwappedWords).QuickCheckThrowOnFailure());
}
