using Verification.Optimized;
using Xunit;

namespace Verification.Properties.Optimized;

public partial class GemmProperties
{
    private static readonly float TrapA = BitConverter.Int32BitsToSingle(0x33800020);   // 2⁻²⁴·(1 + 2⁻¹⁸)
    private static readonly float TrapB = BitConverter.Int32BitsToSingle(0x3F7FFFC0);   // 1 − 2⁻¹⁸
    private static readonly float TrapC = BitConverter.Int32BitsToSingle(0x3F800001);   // 1 + 2⁻²³

    /// <summary>
    /// A double-rounding trap for the emulated fma. Exactly, c + a·b = 1 + 2⁻²³ + 2⁻²⁴ − 2⁻⁶⁰: just below the midpoint
    /// between c and the next float, so the fused fma returns c. The double sum loses the 2⁻⁶⁰ and lands on the midpoint,
    /// which rounds to the even neighbour 1 + 2⁻²². The emulated tile must flag the step (<c>ExactFma.Suspect</c>),
    /// recompute the micro-tile with the true fma and keep that result. <see
    /// cref="Products_on_rounding_boundaries_agree_with_the_scalar_path_bit_for_bit"/> meets such steps by chance among
    /// its random chains; here every element is one, by construction, and the fused value itself is checked. Rows
    /// alternate in sign (the trap mirrored); K = 1 accumulates onto C = c, K = 2 starts from zero with 1·c.
    /// </summary>
    [Theory]
    [InlineData(Layout.NN, 1)]
    [InlineData(Layout.TN, 1)]
    [InlineData(Layout.NT, 2)]
    [InlineData(Layout.NN, 2)]
    public void A_double_rounding_trap_gives_the_fused_result_on_every_path(Layout layout, int k)
    {
        Assert.Equal(TrapC, MathF.FusedMultiplyAdd(TrapA, TrapB, TrapC));
        Assert.NotEqual(TrapC, (float)((double)TrapA * TrapB + TrapC));
        const int M = 13, N = 44;
        bool accumulate = k == 1;
        var a = new float[M * k];
        var b = new float[k * N];
        var c0 = new float[M * N];
        for (int i = 0; i < M; i++)
        {
            float sign = i % 2 == 0 ? 1f : -1f;
            float[] row = accumulate ? [sign * TrapA] : [sign, sign * TrapA];
            for (int p = 0; p < k; p++)
            {
                a[layout == Layout.TN ? p * M + i : i * k + p] = row[p];
            }
            for (int j = 0; j < N; j++)
            {
                c0[i * N + j] = accumulate ? sign * TrapC : float.NaN;
            }
        }
        for (int j = 0; j < N; j++)
        {
            float[] column = accumulate ? [TrapB] : [TrapC, TrapB];
            for (int p = 0; p < k; p++)
            {
                b[layout == Layout.NT ? j * k + p : p * N + j] = column[p];
            }
        }
        AssertEveryPathMatchesScalar(layout, a, b, c0, M, k, N, accumulate);
        GemmPath saved = Gemm.Path;
        try
        {
            Gemm.Path = GemmPath.Scalar;
            var c = (float[])c0.Clone();
            Run(layout, a, b, c, M, k, N, accumulate);
            for (int i = 0; i < M * N; i++)
            {
                Assert.Equal((i / N) % 2 == 0 ? TrapC : -TrapC, c[i]);
            }
        }
        finally
        {
            Gemm.Path = saved;
        }
    }
}
