using Verification.Core;
using Verification.Core.Random;

namespace Verification.Parity;

/// <summary>
/// rng.json: every distribution of <see cref="TorchGenerator"/> after <c>torch.manual_seed(seed)</c>.
/// Bit-exact, the 16-block normal path included. The stack is not used:
/// the generator lives in Core and both implementations share it.
/// </summary>
public sealed class RngGoldenCases : IGoldenCaseKind
{
    private static readonly HashSet<string> Ops =
        ["rand", "randn", "uniform_", "normal_", "randperm", "bernoulli_", "sequence", "dataloader_epoch", "randperm_generator"];

    /// <inheritdoc/>
    public bool Recognizes(GoldenCase c) => Ops.Contains(c.Op);

    /// <inheritdoc/>
    public void Run(GoldenCase c, IStack stack, CaseCheck check)
    {
        var generator = new TorchGenerator(c.Seed);
        switch (c.Op)
        {
            case "sequence":
                int part = 0;
                foreach (var call in c.Children("parts"))
                {
                    RunCall(call, generator, check, $"part {part++} ({call.Op})");
                }
                break;
            case "dataloader_epoch":
                long baseSeed = generator.NextInt64();
                long samplerSeed = generator.NextInt64();
                check.Integer("base seed", (long)c.UnsignedParam("base_seed"), baseSeed);
                check.Integer("sampler seed", (long)c.UnsignedParam("sampler_seed"), samplerSeed);
                check.Integers("permutation", c.Ints("values"), new TorchGenerator((ulong)samplerSeed).Randperm((int)c.Param("n")));
                break;
            case "randperm_generator":
                check.Integers("permutation", c.Ints("values"),
                    new TorchGenerator(c.UnsignedParam("generator_seed")).Randperm((int)c.Param("n")));
                break;
            default:
                RunCall(c, generator, check, c.Op);
                break;
        }
    }

    private static void RunCall(GoldenCase c, TorchGenerator g, CaseCheck check, string what)
    {
        int n = c.Ints("shape").Aggregate(1, (a, b) => a * b);
        if (c.Op == "randperm")
        {
            check.Integers(what, c.Ints("values"), g.Randperm(n));
            return;
        }
        var actual = new float[n];
        var tolerance = Tolerance.BitExact;
        switch (c.Op)
        {
            case "rand": g.Uniform(actual, 0, 1); break;
            case "uniform_": g.Uniform(actual, c.Param("from"), c.Param("to")); break;
            case "randn":
                g.Normal(actual, 0, 1);
                break;
            case "normal_":
                g.Normal(actual, c.Param("mean"), c.Param("std"));
                break;
            case "bernoulli_": g.Bernoulli(actual, c.Param("p")); break;
            default: throw new FormatException($"unknown generator call '{c.Op}'.");
        }
        check.Values(what, c.Floats("values"), actual, tolerance);
    }
}
