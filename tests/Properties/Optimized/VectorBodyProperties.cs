using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Optimized;
using Verification.Properties.Support;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Properties.Optimized;

/// <summary>
/// Every fused kernel has a 512-, a 256- and a 128-bit body and a scalar one (<see cref="KernelPaths"/>). On one thread
/// the width is lowered to each level this processor accelerates and the whole stack's element-wise work (dropout masks,
/// alpha dropout, Adam, AdamW, SGD, BatchNorm, activation gradients, the generator) must give the scalar body's bits;
/// a level the processor lacks is named in the output, not skipped silently.
/// </summary>
public class VectorBodyProperties(ITestOutputHelper output)
{
    /// <summary>The widths in bits with the level <c>isa</c> names, widest first, and whether this process accelerates them.</summary>
    private static readonly (int Bits, bool Runs)[] Widths =
    [
        (512, Vector512.IsHardwareAccelerated), (256, Vector256.IsHardwareAccelerated), (128, Vector128.IsHardwareAccelerated),
    ];

    private static float[] Values(System.Random random, int n)
    {
        var values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = random.Next(40) switch
            {
                0 => -0f,
                1 => 0f,
                2 => 1e-30f,
                _ => (float)(random.NextDouble() * 4 - 2),
            };
        }
        return values;
    }

    /// <summary>Each fused kernel's outputs, concatenated, for one case at the calling thread's width.</summary>
    private static List<float> Outputs(int n, int seed)
    {
        var results = new List<float>();
        var random = new System.Random(seed);
        float[] x = Values(random, n), g = Values(random, n);
        var generator = new TorchGenerator((ulong)seed);

        var dropout = new Dropout(0.3, generator);
        results.AddRange(dropout.Forward(new Tensor((float[])x.Clone(), n)).Data);
        results.AddRange(dropout.Backward(new Tensor((float[])g.Clone(), n)).Data);
        var alpha = new AlphaDropout(0.2, generator);
        results.AddRange(alpha.Forward(new Tensor((float[])x.Clone(), n)).Data);
        results.AddRange(alpha.Backward(new Tensor((float[])g.Clone(), n)).Data);
        var feature = new FeatureAlphaDropout(0.4, generator);
        results.AddRange(feature.Forward(new Tensor((float[])x.Clone(), 1, 1, n)).Data);

        var uniform = new float[n];
        FastMersenneTwister.Uniform(generator.Engine, uniform, -0.5f, 1.25f);
        results.AddRange(uniform);

        foreach (IModule activation in new IModule[] { new ReLU(), new Tanh(), new Sigmoid() })
        {
            results.AddRange(activation.Forward(new Tensor((float[])x.Clone(), n)).Data);
            results.AddRange(activation.Backward(new Tensor((float[])g.Clone(), n)).Data);
        }

        int length = n / 3 + 1;
        var batchNorm = new BatchNorm1d(3);
        var bnInput = new Tensor(Values(random, 2 * 3 * length), 2, 3, length);
        results.AddRange(batchNorm.Forward(bnInput).Data);
        results.AddRange(batchNorm.Backward(new Tensor(Values(random, 2 * 3 * length), 2, 3, length)).Data);
        var rows = new BatchNorm1d(n);
        results.AddRange(rows.Forward(new Tensor(Values(random, 3 * n), 3, n)).Data);
        results.AddRange(rows.Backward(new Tensor(Values(random, 3 * n), 3, n)).Data);
        var batchNorm2d = new BatchNorm2d(2);
        results.AddRange(batchNorm2d.Forward(new Tensor(Values(random, 2 * 2 * length), 2, 2, 1, length)).Data);
        results.AddRange(batchNorm2d.Backward(new Tensor(Values(random, 2 * 2 * length), 2, 2, 1, length)).Data);

        foreach (Func<Parameter[], IOptimizer> make in new Func<Parameter[], IOptimizer>[]
        {
            p => new Adam(p, lr: 0.01, weightDecay: 0.01),
            p => new AdamW(p, lr: 0.01, weightDecay: 0.01),
            p => new SGD(p, lr: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true),
            p => new SGD(p, lr: 0.1),
        })
        {
            var parameter = new Parameter(new Tensor((float[])x.Clone(), n));
            IOptimizer optimizer = make([parameter]);
            for (int step = 0; step < 3; step++)
            {
                Values(random, n).CopyTo(parameter.Grad.Data, 0);
                optimizer.Step();
            }
            results.AddRange(parameter.Value.Data);
        }
        return results;
    }

    private static Arbitrary<(int N, int Seed)> Cases() =>
        (from n in Gen.OneOf(Gen.Choose(1, 140), Gen.Elements(3, 4, 5, 8, 15, 16, 17, 63, 64, 65, 1300))
         from seed in Gen.Choose(0, int.MaxValue)
         select (n, seed)).ToArbitrary();

    [Property(MaxTest = PropertyCounts.Gradients)]
    public Property Every_body_this_machine_runs_gives_the_scalar_bodys_bits()
    {
        foreach (var (bits, runs) in Widths)
        {
            output.WriteLine(runs
                ? $"{bits}-bit bodies (level {KernelPaths.LevelName(bits)}): run here"
                : $"{bits}-bit bodies (level {KernelPaths.LevelName(bits)}): NOT RUN, not accelerated in this process");
        }
        return Prop.ForAll(Cases(), c =>
        {
            List<float> scalar = KernelWidth.At(0, () => Outputs(c.N, c.Seed));
            var differences = new List<string>();
            foreach (var (bits, runs) in Widths)
            {
                if (!runs) continue;
                List<float> vector = KernelWidth.At(bits, () => Outputs(c.N, c.Seed));
                int i = Enumerable.Range(0, scalar.Count)
                    .FirstOrDefault(k => BitConverter.SingleToInt32Bits(vector[k]) != BitConverter.SingleToInt32Bits(scalar[k]), -1);
                if (i >= 0) differences.Add($"{bits} bits: output {i} is {vector[i]:R}, scalar {scalar[i]:R}");
            }
            return (differences.Count == 0).Label($"n = {c.N}, seed {c.Seed}: {string.Join("; ", differences)}");
        });
    }

    /// <summary>One call of each driver's kind through the public API, with the body width each reported.</summary>
    private static IEnumerable<(string Kernel, int Bits)> BodiesRun()
    {
        var generator = new TorchGenerator(7);
        var x = new Tensor(Enumerable.Range(0, 100).Select(i => i * 0.01f - 0.5f).ToArray(), 100);
        var dropout = new Dropout(0.5, generator);
        dropout.Forward(x);
        yield return ("dropout mask multiply", KernelPaths.LastBodyBits);
        new AlphaDropout(0.5, generator).Forward(x);
        yield return ("alpha dropout mask", KernelPaths.LastBodyBits);
        FastMersenneTwister.BernoulliBits(generator.Engine, 0.5, new ulong[4], 200);
        yield return ("Bernoulli bits", KernelPaths.LastBodyBits);
        FastMersenneTwister.Fill(generator.Engine, new uint[100]);
        yield return ("tempering", KernelPaths.LastBodyBits);
        FastMersenneTwister.Regenerate(generator.Engine.SaveState().Words.ToArray());
        yield return ("refill", KernelPaths.LastBodyBits);
        FastMersenneTwister.Uniform(generator.Engine, new float[100], 0f, 1f);
        yield return ("uniform", KernelPaths.LastBodyBits);
        var parameter = new Parameter(new Tensor(100));
        new Adam([parameter]).Step();
        yield return ("Adam", KernelPaths.LastBodyBits);
        new AdamW([parameter]).Step();
        yield return ("AdamW", KernelPaths.LastBodyBits);
        new SGD([parameter], lr: 0.1, momentum: 0.9).Step();
        yield return ("SGD", KernelPaths.LastBodyBits);
        var relu = new ReLU();
        relu.Forward(x);
        relu.Backward(x);
        yield return ("ReLU backward", KernelPaths.LastBodyBits);
        var batchNorm = new BatchNorm2d(1);
        batchNorm.Forward(new Tensor(x.Data, 1, 1, 10, 10));
        yield return ("BatchNorm2d forward", KernelPaths.LastBodyBits);
    }

    [Fact]
    public void Each_fused_kernel_runs_the_widest_body_the_level_allows()
    {
        output.WriteLine(KernelPaths.Describe());
        foreach (int? limit in new int?[] { null, 512, 256, 128, 0 })
        {
            int expected = limit is { } cap ? Math.Min(cap, KernelPaths.HardwareBits) : KernelPaths.HardwareBits;
            if (limit is { } asked && asked > KernelPaths.HardwareBits)
            {
                output.WriteLine($"{asked}-bit bodies (level {KernelPaths.LevelName(asked)}): NOT RUN here; the " +
                    $"{KernelPaths.LevelName(KernelPaths.HardwareBits)} bodies ran in their place");
            }
            foreach (var (kernel, bits) in KernelWidth.At(limit, () => BodiesRun().ToList()))
            {
                Assert.True(bits == expected, $"{kernel} at limit {limit?.ToString() ?? "none"} ran its {bits}-bit body, expected {expected}");
            }
        }
        Assert.Equal(Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0,
            KernelPaths.HardwareBits);
    }
}
