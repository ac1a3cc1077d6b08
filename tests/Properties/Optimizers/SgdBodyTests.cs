using System.Runtime.Intrinsics;
using Verification.Core;
using Verification.Optimized;
using Xunit;

namespace Verification.Properties.Optimizers;

/// <summary>
/// Every SGD configuration on every body this processor runs (<see cref="KernelPaths.Limit"/>) gives the scalar body's
/// bits, step after step. The cross-checks reach only the widest body and the tail; <c>VectorBodyProperties</c> lowers
/// the width but runs SGD only plain and with undampened Nesterov momentum, where b ← g and b ← fma(g, 1 − τ, μ·0) agree
/// on the first step and the non-Nesterov branch never runs. Here dampening 0.25 tells the first step from a later
/// one, and momentum runs with and without Nesterov. 37 elements: whole vectors and a tail at each width.
/// </summary>
public class SgdBodyTests
{
    private const int Length = 37;

    public static TheoryData<int, string> Cases()
    {
        var cases = new TheoryData<int, string>();
        foreach (var (bits, runs) in new[]
        {
            (512, Vector512.IsHardwareAccelerated), (256, Vector256.IsHardwareAccelerated), (128, Vector128.IsHardwareAccelerated),
        })
        {
            if (!runs) continue;
            foreach (string configuration in new[] { "plain", "weight decay", "momentum", "dampened momentum", "Nesterov" })
            {
                cases.Add(bits, configuration);
            }
        }
        return cases;
    }

    private static SGD Build(string configuration, Parameter parameter) => configuration switch
    {
        "plain" => new SGD([parameter], lr: 0.1),
        "weight decay" => new SGD([parameter], lr: 0.1, weightDecay: 0.05),
        "momentum" => new SGD([parameter], lr: 0.1, momentum: 0.9, weightDecay: 0.05),
        "dampened momentum" => new SGD([parameter], lr: 0.1, momentum: 0.9, dampening: 0.25),
        "Nesterov" => new SGD([parameter], lr: 0.1, momentum: 0.9, weightDecay: 0.05, nesterov: true),
        _ => throw new ArgumentOutOfRangeException(nameof(configuration), configuration, "not an SGD configuration of this test"),
    };

    /// <summary>The weights after each of three steps at the given width, concatenated.</summary>
    private static float[] Run(int bits, string configuration)
    {
        var parameter = new Parameter(new Tensor(Length));
        var random = new System.Random(Length);
        for (int i = 0; i < Length; i++) parameter.Value.Data[i] = (float)(random.NextDouble() * 4 - 2);
        SGD sgd = Build(configuration, parameter);
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
    public void Every_body_gives_the_scalar_bodys_bits_after_every_step(int bits, string configuration)
    {
        float[] scalar = Run(0, configuration), vector = Run(bits, configuration);
        for (int k = 0; k < scalar.Length; k++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(scalar[k]) == BitConverter.SingleToInt32Bits(vector[k]),
                $"{configuration} at {bits} bits: step {k / Length + 1}, weight {k % Length} is {vector[k]:R}, the scalar body's {scalar[k]:R}");
        }
    }
}
