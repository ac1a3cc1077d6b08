namespace Verification.Core.Random;

/// <summary>
/// The transform behind <c>normal_</c> on 16 or more float elements: ATen's <c>normal_fill_16_AVX2</c>
/// (aten/src/ATen/native/cpu/DistributionTemplates.h), which turns 16 uniforms u in [0, 1) into 16 normals in place.
/// For j &lt; 8: <c>r = √(−2·ln(1 − u[j]))</c>, <c>θ = 2π·u[j+8]</c>, <c>z[j] = fma(r·cos θ, std, mean)</c>,
/// <c>z[j+8] = fma(r·sin θ, std, mean)</c>, all in float, with ln, sin and cos from <see cref="CephesFloatMath"/>.
/// <para>
/// libtorch runs this kernel on AVX2 and on AVX-512 processors alike: DistributionKernels.cpp registers
/// <c>normal_stub</c> with <c>REGISTER_NO_AVX512_DISPATCH</c>, so AVX-512 machines fall back to the AVX2 build. That is
/// why one exact algorithm reproduces PyTorch's stream everywhere. (The scalar <c>normal_fill_16</c>, with the C
/// library's <c>std::log</c>/<c>std::cos</c>/<c>std::sin</c>, runs only on processors without AVX2 or under
/// <c>ATEN_CPU_CAPABILITY=default</c>, and is not reproduced.)
/// </para>
/// </summary>
public static class BoxMullerBlock
{
    /// <summary>The number of values one transform reads and writes.</summary>
    public const int Size = 16;

    // 2π rounded to float once, as _mm256_set1_ps(2.0f * c10::pi<double>) does (the product is taken in double).
    private const float TwoPi = (float)(2.0 * Math.PI);

    /// <summary>
    /// Replaces the 16 uniforms in <paramref name="block"/> by normals with the given mean and standard deviation.
    /// </summary>
    /// <exception cref="ArgumentException">The block does not hold exactly <see cref="Size"/> values.</exception>
    public static void Transform(Span<float> block, float mean, float std)
    {
        if (block.Length != Size)
        {
            throw new ArgumentException($"A Box–Muller block holds exactly {Size} values, got {block.Length}.", nameof(block));
        }
        for (int j = 0; j < Size / 2; j++)
        {
            float u1 = 1f - block[j]; // [0, 1) → (0, 1], so the logarithm is finite
            float u2 = block[j + Size / 2];
            float radius = MathF.Sqrt(-2f * CephesFloatMath.Log(u1));
            float theta = TwoPi * u2;
            CephesFloatMath.SinCos(theta, out float sin, out float cos);
            block[j] = MathF.FusedMultiplyAdd(radius * cos, std, mean);
            block[j + Size / 2] = MathF.FusedMultiplyAdd(radius * sin, std, mean);
        }
    }
}
