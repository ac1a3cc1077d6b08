using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core.Random;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.CoreTypes;

public class GeneratorTests
{
    /// <summary>The first outputs of mt19937 seeded with 5489 are the C++ standard's reference values.</summary>
    [Fact]
    public void The_engine_is_the_standard_mt19937()
    {
        var mt = new MersenneTwister(5489);
        Assert.Equal(3499211612u, mt.Next());
        Assert.Equal(581869302u, mt.Next());
        for (int i = 2; i < 9999; i++) mt.Next();
        Assert.Equal(4123659995u, mt.Next()); // std::mt19937's 10000th output, required by the C++ standard
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property A_restored_state_continues_the_stream_exactly(ulong seed, byte consumed, bool withCachedNormal)
    {
        var g = new TorchGenerator(seed);
        for (int i = 0; i < consumed * 7; i++) g.Random();
        if (withCachedNormal) g.NextNormal(0, 1);
        var saved = g.SaveState();
        var expected = Enumerable.Range(0, 1300).Select(_ => g.NextNormal(0, 1)).ToArray();
        var restored = new TorchGenerator(1);
        restored.RestoreState(saved);
        var actual = Enumerable.Range(0, 1300).Select(_ => restored.NextNormal(0, 1)).ToArray();
        return (expected.SequenceEqual(actual) && restored.InitialSeed == seed).Label("continued stream");
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Bulk_fill_equals_one_word_at_a_time(uint seed, byte skip, ushort length)
    {
        var a = new MersenneTwister(seed);
        var b = new MersenneTwister(seed);
        for (int i = 0; i < skip; i++) { a.Next(); b.Next(); }
        var bulk = new uint[length % 2000];
        a.Fill(bulk);
        var single = bulk.Select(_ => b.Next()).ToArray();
        return bulk.SequenceEqual(single).Label($"skip {skip}, length {bulk.Length}");
    }

    [Fact]
    public void Manual_seed_restarts_the_stream_and_forgets_the_cached_normal()
    {
        var g = new TorchGenerator(3);
        double first = g.NextNormal(0, 1);
        g.NextNormal(0, 1); // not cached any more
        g.NextNormal(0, 1); // leaves a cached sine value
        g.ManualSeed(3);
        Assert.Equal(first, g.NextNormal(0, 1));
        Assert.Equal(3UL, g.InitialSeed);
        Assert.Equal(TorchGenerator.DefaultSeed, new TorchGenerator().InitialSeed);
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Uniforms_lie_in_their_range(ulong seed)
    {
        var g = new TorchGenerator(seed);
        var values = new float[64];
        g.Uniform(values, -2, 3);
        double d = g.NextDouble();
        long l = g.NextInt64();
        return (values.All(v => v >= -2 && v < 3) && d >= 0 && d < 1 && l >= 0).Label("ranges");
    }

    [Fact]
    public void Log1P_is_accurate_where_log_of_one_plus_x_is_not()
    {
        Assert.Equal(1e-20, TorchGenerator.Log1P(1e-20));
        Assert.Equal(Math.Log(0.5), TorchGenerator.Log1P(-0.5), 15);
        double tiny = 3e-12;
        Assert.True(Math.Abs(TorchGenerator.Log1P(tiny) - (tiny - tiny * tiny / 2)) < 1e-27);
    }

    [Fact]
    public void Bad_arguments_are_rejected_before_any_draw()
    {
        var g = new TorchGenerator(9);
        var before = g.SaveState();
        var p = Assert.Throws<ArgumentOutOfRangeException>(() => g.Bernoulli(new float[3], 1.5));
        Assert.Equal("p", p.ParamName);
        Assert.Contains("1.5", p.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Bernoulli(new float[3], double.NaN));
        var std = Assert.Throws<ArgumentException>(() => g.Normal(new float[3], 0, -1));
        Assert.Equal("std", std.ParamName);
        Assert.Throws<ArgumentException>(() => g.Uniform(new float[3], 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Randperm(-1));
        var after = g.SaveState();
        Assert.Equal(before.Engine.Words, after.Engine.Words);
        Assert.Equal(before.Engine.Position, after.Engine.Position);
        Assert.Throws<ArgumentException>(() => g.RestoreState(before with { Engine = new MersenneTwisterState(new uint[3], 0) }));
        Assert.Throws<ArgumentException>(() => g.RestoreState(before with { Engine = before.Engine with { Position = 700 } }));
    }

    [Fact]
    public void Randperm_of_zero_and_one_draw_nothing()
    {
        var g = new TorchGenerator(1);
        Assert.Empty(g.Randperm(0));
        Assert.Equal(new[] { 0 }, g.Randperm(1));
        Assert.Equal(new TorchGenerator(1).Random(), g.Random());
    }
}
