using System.Text.Json;
using Verification.Core;
using Verification.Core.Random;
using Xunit;

namespace Verification.Properties.Golden;

public class RngGoldenTests
{
    public static TheoryData<int> CaseIndices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < GoldenFile.Cases("rng.json").Count; i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void The_generator_reproduces_every_rng_json_case(int index)
    {
        JsonElement c = GoldenFile.Cases("rng.json")[index];
        RngCaseRunner.Run(c);
    }
}

/// <summary>Runs one rng.json case through the Core generator and asserts it (bit for bit, except the 16-block normal path).</summary>
public static class RngCaseRunner
{
    public const double BlockNormalTolerance = 2e-6;

    public static void Run(JsonElement c)
    {
        var g = new TorchGenerator(c.Seed());
        switch (c.Op())
        {
            case "sequence":
                foreach (var part in c.GetProperty("parts").EnumerateArray())
                {
                    RunOne(g, part);
                }
                break;
            case "dataloader_epoch":
            {
                long baseSeed = g.NextInt64();
                long samplerSeed = g.NextInt64();
                Assert.Equal((long)c.GetProperty("params").GetProperty("base_seed").GetUInt64(), baseSeed);
                Assert.Equal((long)c.GetProperty("params").GetProperty("sampler_seed").GetUInt64(), samplerSeed);
                var perm = new TorchGenerator((ulong)samplerSeed).Randperm((int)c.Param("n"));
                Assert.Equal(c.Ints("values"), perm);
                break;
            }
            case "randperm_generator":
            {
                var perm = new TorchGenerator((ulong)c.Param("generator_seed")).Randperm((int)c.Param("n"));
                Assert.Equal(c.Ints("values"), perm);
                break;
            }
            default:
                RunOne(g, c);
                break;
        }
    }

    private static int[] ShapeOf(JsonElement c) => c.Ints("shape");

    private static void RunOne(TorchGenerator g, JsonElement c)
    {
        string op = c.Op();
        int[] shape = ShapeOf(c);
        int n = shape.Aggregate(1, (a, b) => a * b);
        if (op == "randperm")
        {
            Assert.Equal(c.Ints("values"), g.Randperm(n));
            return;
        }
        var actual = new float[n];
        bool approximate = false;
        switch (op)
        {
            case "rand": g.Uniform(actual, 0, 1); break;
            case "uniform_": g.Uniform(actual, c.Param("from"), c.Param("to")); break;
            case "randn": g.Normal(actual, 0, 1); approximate = n >= 16; break;
            case "normal_": g.Normal(actual, c.Param("mean"), c.Param("std")); approximate = n >= 16; break;
            case "bernoulli_": g.Bernoulli(actual, c.Param("p")); break;
            default: throw new InvalidOperationException($"unknown rng op {op}");
        }
        float[] expected = c.Floats("values");
        for (int i = 0; i < n; i++)
        {
            if (approximate)
            {
                double err = Math.Abs(actual[i] - expected[i]);
                Assert.True(err <= BlockNormalTolerance * Math.Max(1, Math.Abs(expected[i])),
                    $"{op} n={n}: index {i} expected {expected[i]:R} got {actual[i]:R}");
            }
            else if (BitConverter.SingleToInt32Bits(actual[i]) != BitConverter.SingleToInt32Bits(expected[i]))
            {
                Assert.Fail($"{op} n={n} params={c.GetProperty("params")}: index {i} expected {expected[i]:R} got {actual[i]:R}");
            }
        }
    }
}
