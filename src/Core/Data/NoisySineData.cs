using Verification.Core.Random;

namespace Verification.Core.Data;

/// <summary>The tensors of <see cref="NoisySineData"/>: inputs and targets, both <c>(80, 1)</c>.</summary>
public sealed record NoisySineDataset(Tensor Inputs, Tensor Targets);

/// <summary>
/// Document 002 (seeds/002_91f9a1e79ea80b56.txt, the L1/L2 example's data lines after <c>manual_seed(42)</c>):
/// 80 inputs evenly spaced over [0, 2π] as a column, targets <c>y = sin(x) + 0.3·ε</c> with
/// <c>ε = randn_like(x)</c>. The inputs draw nothing and equal <c>torch.linspace</c>'s bit for bit
/// (<see cref="Linspace"/>); the noise is one <c>randn</c> of 80 values (the 16-block path), bit for bit. In float32:
/// the scalar 0.3 is applied as a float, then added to <c>sin(x)</c>.
/// The sine is the one part that is not PyTorch's to the bit. ATen's float <c>sin</c> on the CPU
/// (<c>aten/src/ATen/native/cpu/UnaryOpsKernel.cpp</c>, <c>STATIC_IMPLEMENT_COMPLEX_KERNEL_WITHOUT_AVX512(sin)</c>)
/// calls <c>vml::vsin</c>, which <c>aten/src/ATen/cpu/vml.h</c> maps to Intel MKL's <c>vmsSin</c> (high-accuracy
/// mode) in the x86 Linux builds; MKL's code is closed, so it cannot be reproduced. It is within one ulp of the true
/// sine, as <see cref="MathF.Sin"/> is: of the 80 targets, 77 are PyTorch's bit for bit and 3 (i = 45, 47, 51) differ
/// by one ulp of the sine. (SLEEF's <c>Sleef_sinf8_u10</c>, which ATen's <c>Vectorized&lt;float&gt;::sin</c> uses when
/// MKL is absent, was ported and tried: it differs at i = 51 and 60, so it is not what libtorch ran either.)
/// </summary>
public static class NoisySineData
{
    /// <summary>The document's sizes.</summary>
    public const int Count = 80;

    /// <summary>The noise's standard deviation.</summary>
    public const float NoiseStd = 0.3f;

    /// <summary>Draws the dataset from <paramref name="generator"/> (seed it with 42 for the document's run).</summary>
    public static NoisySineDataset Create(TorchGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Tensor inputs = Linspace.Create(0, 2 * Math.PI, Count).Reshape(Count, 1);
        Tensor noise = generator.Randn(Count, 1);
        var targets = new Tensor(Count, 1);
        for (int i = 0; i < Count; i++)
        {
            targets.Data[i] = MathF.Sin(inputs.Data[i]) + noise.Data[i] * NoiseStd;
        }
        return new NoisySineDataset(inputs, targets);
    }
}
