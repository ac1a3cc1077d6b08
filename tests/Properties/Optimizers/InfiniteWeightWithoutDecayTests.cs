using System.Runtime.Intrinsics;
using Verification.Core;
using Verification.Optimized;
using Xunit;
using R = Verification.Reference;

namespace Verification.Properties.Optimizers;

/// <summary>
/// With weight_decay = 0 PyTorch's Adam and SGD never add λ·w to the gradient (torch/optim/adam.py and sgd.py:
/// <c>if weight_decay != 0</c>), so an infinite weight stays infinite: adding 0·∞ = NaN would turn it into NaN. Checked on
/// every body of the Optimized stack this processor runs (<see cref="KernelPaths.Limit"/>) — 19 elements reach a vector
/// body and the scalar tail at each width — and on the Reference's SGD (its Adam: <see cref="AdamWithoutDecayTests"/>).
/// </summary>
public class InfiniteWeightWithoutDecayTests
{
    private const int Length = 19;

    public static TheoryData<int, string> Cases()
    {
        var cases = new TheoryData<int, string>();
        foreach (int bits in new[] { 0, 128, 256, 512 })
        {
            bool runs = bits switch
            {
                512 => Vector512.IsHardwareAccelerated,
                256 => Vector256.IsHardwareAccelerated,
                128 => Vector128.IsHardwareAccelerated,
                _ => true,
            };
            if (!runs) continue;
            foreach (string optimizer in new[] { "Adam", "SGD", "SGD with momentum" })
            {
                cases.Add(bits, optimizer);
            }
        }
        cases.Add(0, "Reference SGD"); // the Reference has no vector bodies
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Without_weight_decay_an_infinite_weight_stays_infinite(int bits, string optimizer)
    {
        var weights = new float[Length];
        var parameter = new Parameter(new Tensor(weights, Length));
        for (int i = 0; i < Length; i++)
        {
            weights[i] = i % 2 == 0 ? float.PositiveInfinity : float.NegativeInfinity;
            parameter.Grad.Data[i] = 0.25f + i;
        }
        IOptimizer step = optimizer switch
        {
            "Adam" => new Adam([parameter], lr: 0.1, weightDecay: 0),
            "SGD" => new SGD([parameter], lr: 0.1, weightDecay: 0),
            "SGD with momentum" => new SGD([parameter], lr: 0.1, momentum: 0.9, weightDecay: 0, nesterov: true),
            _ => new R.SGD([parameter], lr: 0.1, weightDecay: 0),
        };
        int? saved = KernelPaths.Limit;
        KernelPaths.Limit = bits;
        try
        {
            step.Step();
            step.Step();
        }
        finally
        {
            KernelPaths.Limit = saved;
        }
        for (int i = 0; i < Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? float.PositiveInfinity : float.NegativeInfinity, parameter.Value.Data[i]);
        }
    }
}
