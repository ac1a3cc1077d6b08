using Verification.Optimized;
using Xunit;

namespace Verification.Properties.Optimized;

public partial class GemmProperties
{
    /// <summary>
    /// Every register tile at every one of its edges, the same shapes in every run (the random shapes reach each edge only
    /// by chance): M = 1…25 gives every remainder of the 12-, 8-, 6-, 4- and 3-row tiles, with and without a whole tile
    /// before it; N picks each way through a strip (a narrow product padded to 16 or to 32 columns, one whole strip, two
    /// whole strips, which pack A on the AVX2 path and transposed A on the 512-bit one, and two strips and a ragged one);
    /// K = 3 with C accumulated (one k-block, C loaded) and K = 260 from zero (a first k-block that stores, a second that
    /// loads what it stored). Every path this machine runs against the scalar one, bit for bit, and nothing written past C.
    /// </summary>
    [Theory]
    [InlineData(Layout.NN)]
    [InlineData(Layout.TN)]
    [InlineData(Layout.NT)]
    public void Every_tile_edge_agrees_with_the_scalar_path_bit_for_bit(Layout layout)
    {
        int[] widths = [5, 16, 20, 32, 45, 64, 77];
        (int K, bool Accumulate)[] depths = [(3, true), (Gemm.KBlock + 4, false)];
        for (int m = 1; m <= 2 * Gemm.WideTileRows + 1; m++)
        {
            foreach (int n in widths)
            {
                foreach (var (k, accumulate) in depths)
                {
                    var (a, b, c0) = Operands(m, k, n, seed: m * 1000 + n);
                    AssertEveryPathMatchesScalar(layout, a, b, c0, m, k, n, accumulate);
                }
            }
        }
    }
}
