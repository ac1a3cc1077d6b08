using System.Runtime.Intrinsics;
using Verification.Core;
using Verification.Optimized;
using Xunit;
using R = Verification.Reference;

namespace Verification.Properties.Optimizers;

/// <summary>
/// Every SGD configuration on every body this processor runs (<see cref="KernelPaths.Limit"/>, the scalar one included)
/// gives the Reference SGD's bits, step after step. The cross-checks reach only the widest body and the tail;
/// <c>VectorBodyProperties</c> lowers the width but runs SGD only plain and with undampened Nesterov momentum, where
/// b ← g and b ← fma(g, 1 − τ, μ·0) agree on the first step and the non-Nesterov branch never runs. Here dampening 0.25
/// tells the first step from a later one, and momentum runs with and without Nesterov. 37 elements: whole vectors and a
/// tail at each width.
/// </summary>
public class SgdBodyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Length = 37;

    /// <summary>Every width × configuration; a width this process does not accelerate says so in the output (see the theory).</summary>
    public static TheoryData<int, string> Cases()
    {
        var cases = new TheoryData<int, string>();
        foreach (int bits in new[] { 512, 256, 128, 0 })
        {
            foreach (string configuration in new[] { "plain", "weight decay", "momentum", "dampened momentum", "Nesterov" })
            {
                cases.Add(bits, configuration);
            }
        }
        return cases;
    }

    private static bool Accelerated(int bits) => bits switch
    {
        512 => Vector512.IsHardwareAccelerated,
        256 => Vector256.IsHardwareAccelerated,
        128 => Vector128.IsHardwareAccelerated,
        _ => true,
    };

    /// <summary>(momentum, dampening, weight decay, Nesterov) of each configuration.</summary>
    private static (double Momentum, double Dampening, double WeightDecay, bool Nesterov) Settings(string configuration) => configuration switch
    {
        "plain" => (0, 0, 0, false),
        "weight decay" => (0, 0, 0.05, false),
        "momentum" => (0.9, 0, 0.05, false),
        "dampened momentum" => (0.9, 0.25, 0, false),
        "Nesterov" => (0.9, 0, 0.05, true),
        _ => throw new ArgumentOutOfRangeException(nameof(configuration), configuration, "not an SGD configuration of this test"),
    };

    /// <summary>
    /// The weights after each of three steps, concatenated: the Optimized SGD's at the given width, or the Reference's
    /// when <paramref name="bits"/> is null.
    /// </summary>
    private static float[] Run(int? bits, string configuration)
    {
        var parameter = new Parameter(new Tensor(Length));
        var random = new System.Random(Length);
        for (int i = 0; i < Length; i++) parameter.Value.Data[i] = (float)(random.NextDouble() * 4 - 2);
        var (momentum, dampening, weightDecay, nesterov) = Settings(configuration);
        IOptimizer sgd = bits is null
            ? new R.SGD([parameter], 0.1, momentum, dampening, weightDecay, nesterov)
            : new SGD([parameter], 0.1, momentum, dampening, weightDecay, nesterov);
        var trace = new List<float>();
        int? saved = KernelPaths.Limit;
        KernelPaths.Limit = bits;
        try
        {
            for (int step = 0; step < 3; step++)
            {
                for (int i = 0; i < Length; i++) parameter.Grad.Data[i] = (float)(random.NextDouble() * 2 - 1);
                sgd.Step();
                trace.AddRange(parameter.Value.Data);
            }
        }
        finally
        {
            KernelPaths.Limit = saved;
        }
        return trace.ToArray();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_body_gives_the_Reference_bits_after_every_step(int bits, string configuration)
    {
        if (!Accelerated(bits))
        {
            output.WriteLine($"{bits}-bit body: NOT RUN, this process does not accelerate it " +
                $"(level {KernelPaths.LevelName(KernelPaths.HardwareBits)})");
            return;
        }
        float[] reference = Run(null, configuration), optimized = Run(bits, configuration);
        for (int k = 0; k < reference.Length; k++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(reference[k]) == BitConverter.SingleToInt32Bits(optimized[k]),
                $"{configuration} at {bits} bits: step {k / Length + 1}, weight {k % Length} is {optimized[k]:R}, the Reference's {reference[k]:R}");
        }
    }
}
