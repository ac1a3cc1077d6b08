using Shouldly;
using Verification.Core.Random;
using Xunit;

namespace Verification.Properties.CoreTypes;

/// <summary>
/// The edges of the NumPy generators' argument checks, where NumPy accepts what a stricter check would refuse
/// (scale 0, size 0) and refuses, by name and with its own wording, what would otherwise fail later or elsewhere.
/// </summary>
public class NumpyGeneratorGuardTests
{
    /// <summary>NumPy allows <c>normal(3.0, 0.0, 4)</c> (only scale &lt; 0 is an error) and returns loc for every draw.</summary>
    [Fact]
    public void Normal_with_scale_zero_returns_loc_everywhere()
    {
        new NumpyGenerator(1).Normal(3.0, 0.0, 4).ShouldBe([3.0, 3.0, 3.0, 3.0]);
    }

    /// <summary>NumPy allows size 0: an empty array, and no draw is taken from the stream.</summary>
    [Fact]
    public void Size_zero_gives_an_empty_array_and_draws_nothing()
    {
        var generator = new NumpyGenerator(9);
        generator.Random(0).ShouldBeEmpty();
        generator.Normal(0, 1, 0).ShouldBeEmpty();
        generator.Random().ShouldBe(new NumpyGenerator(9).Random());
    }

    /// <summary><c>np.random.seed</c>'s own message, for one past each end of [0, 2³² − 1].</summary>
    [Theory]
    [InlineData(-1L)]
    [InlineData(4294967296L)]
    public void Legacy_seed_out_of_range_is_refused_with_numpys_message(long seed)
    {
        var refused = Should.Throw<ArgumentOutOfRangeException>(() => new NumpyRandomState(seed));
        refused.ParamName.ShouldBe("seed");
        refused.Message.ShouldStartWith("Seed must be between 0 and 2**32 - 1");
    }

    /// <summary>
    /// A length no array can have is an argument error naming n, not the OutOfMemoryException that allocating it
    /// would throw.
    /// </summary>
    [Fact]
    public void Legacy_rand_refuses_a_length_beyond_the_largest_array()
    {
        var refused = Should.Throw<ArgumentOutOfRangeException>(() => new NumpyRandomState(0).Rand(int.MaxValue));
        refused.ParamName.ShouldBe("n");
        refused.ActualValue.ShouldBe(int.MaxValue);
    }

    /// <summary>
    /// GenerateState64 checks words itself: GenerateState32(2·words) would refuse too, but for 2·words, which for
    /// int.MaxValue has wrapped to −2, so the value reported must be the caller's.
    /// </summary>
    [Theory]
    [InlineData(-1)]
    [InlineData(0x7FFFFFC7 / 2 + 1)] // Array.MaxLength / 2 + 1 (Array.MaxLength is not a constant)
    [InlineData(int.MaxValue)]
    public void GenerateState64_refuses_a_bad_word_count_as_given(int words)
    {
        (0x7FFFFFC7 / 2 + 1).ShouldBe(Array.MaxLength / 2 + 1);
        var refused = Should.Throw<ArgumentOutOfRangeException>(() => new SeedSequence(3).GenerateState64(words));
        refused.ParamName.ShouldBe("words");
        refused.ActualValue.ShouldBe(words);
    }
}
