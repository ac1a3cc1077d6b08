using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verification.Optimized;

// Gemm by role: the AVX2 path over packed panels. A is packed once per product into 6-row panels (each k step's six
// values side by side), B into 16-column panels per k-block, so the 6×16 tile reads both operands contiguously — the
// layout of BLIS's Haswell kernel (Van Zee & van de Geijn, "BLIS: A Framework for Rapidly Instantiating BLAS
// Functionality", ACM TOMS 41(3), 2015). Every element keeps its one fma chain in increasing k.

public static partial class Gemm
{
    /// <summary>
    /// Most 6-row panels of A one pass over a B panel covers: 48 × 6 rows × 256 k × 4 B ≈ 295 KB, within a 512 KB L2 (Zen 3)
    /// with room for B and C. At 42 a batch of 256 (43 panels) took two passes, packing every strip of B twice.
    /// </summary>
    private const int PanelsPerRowBlock = 48;

    [ThreadStatic] private static float[]? _packedA;

    /// <summary>
    /// Rows of the panels a product packs A into, or 0 when it reads A in place; only products with at least two whole
    /// 32-column strips pack (they are cut into pieces by columns, so every piece covers all rows from row 0). The AVX2
    /// path packs 6-row panels for its 6×16 tile; the 512-bit path packs 12-row panels for its 12×32 tile where A is
    /// stored transposed (the ∂W product: each k step's 12 values lie M floats after the previous step's, and at M = 1024
    /// all of a k-block's lines fall in the same L1 sets) and where a row-major A's rows lie a multiple of 512 floats
    /// (2 KiB) apart: the tile's 12 rows then share at most two of the 64 sets of a 32 KiB, 8-way L1 (Zen 4's), more rows
    /// than ways, and the 256×1024×1024 NN product ran at 49 GFLOP/s unpacked against 93 packed. Other row-major A
    /// (784 or 256 floats a row) read 16 k steps from each line in place, faster than packing them (107 against 98).
    /// </summary>
    private static int PackedPanelRows(int n, int aRowStride, int aColStride) =>
        n < 2 * TileColumns ? 0
        : Path == GemmPath.Vector256 ? Avx2TileRows
        : Path == GemmPath.Vector512 && ((aRowStride == 1 && aColStride > 1) || (aColStride == 1 && aRowStride % 512 == 0)) ? WideTileRows
        : 0;

    /// <summary>A pinned buffer of at least <paramref name="length"/> floats, kept for the calling thread's next products.</summary>
    private static float[] PackedABuffer(long length)
    {
        if (_packedA is null || _packedA.Length < length)
        {
            _packedA = GC.AllocateUninitializedArray<float>((int)Math.Max(length, 2L * (_packedA?.Length ?? 0)), pinned: true);
        }
        return _packedA;
    }

    private sealed unsafe partial class GemmJob
    {
        private float* _packedA;
        private int _packedRows;

        /// <summary>A packed by <see cref="PackAPanels"/> into panels of <paramref name="rows"/> rows, or null.</summary>
        public void SetPackedA(float* packedA, int rows)
        {
            _packedA = packedA;
            _packedRows = rows;
        }

        /// <summary>
        /// Columns [colStart, colEnd) (whole 32-column strips) of every row on the AVX2 path: per k-block and block of at
        /// most <see cref="PanelsPerRowBlock"/> A panels, each strip of B is packed into two 16-column panels (16 KB each
        /// at kc = 256, in L1) and every A panel of the block passes under each.
        /// </summary>
        [SkipLocalsInit]
        private void PackedRegion(int colStart, int colEnd)
        {
            float* bPanels = stackalloc float[KBlock * TileColumns];
            float* scratch = stackalloc float[Avx2TileRows * NarrowColumns];
            int panels = (_m + Avx2TileRows - 1) / Avx2TileRows;
            int rowBlocks = (panels + PanelsPerRowBlock - 1) / PanelsPerRowBlock;
            for (int k0 = 0; k0 < _k; k0 += KBlock)
            {
                int kc = Math.Min(KBlock, _k - k0);
                bool load = _accumulate || k0 > 0;
                float* aBlock = _packedA + (nint)k0 * panels * Avx2TileRows;
                for (int block = 0; block < rowBlocks; block++)
                {
                    int t0 = panels * block / rowBlocks, t1 = panels * (block + 1) / rowBlocks;
                    for (int j = colStart; j < colEnd; j += TileColumns)
                    {
                        PackBPanels(k0, kc, j, bPanels);
                        for (int half = 0; half < 2; half++)
                        {
                            float* bPanel = bPanels + half * kc * NarrowColumns;
                            for (int t = t0; t < t1; t++)
                            {
                                float* aPanel = aBlock + (nint)t * Avx2TileRows * kc;
                                float* c = _c + (nint)t * Avx2TileRows * _n + j + half * NarrowColumns;
                                int rows = Math.Min(Avx2TileRows, _m - t * Avx2TileRows);
                                if (rows == Avx2TileRows)
                                {
                                    if (load && t + 1 < t1)
                                    {
                                        PrefetchTile(c + Avx2TileRows * _n, _n);
                                    }
                                    KernelPacked6x16(aPanel, bPanel, c, _n, kc, load);
                                    continue;
                                }
                                for (int r = 0; r < Avx2TileRows; r++)
                                {
                                    var row = new Span<float>(scratch + r * NarrowColumns, NarrowColumns);
                                    if (load && r < rows)
                                    {
                                        new ReadOnlySpan<float>(c + (nint)r * _n, NarrowColumns).CopyTo(row);
                                    }
                                    else
                                    {
                                        row.Clear();
                                    }
                                }
                                KernelPacked6x16(aPanel, bPanel, scratch, NarrowColumns, kc, true);
                                for (int r = 0; r < rows; r++)
                                {
                                    var computed = new ReadOnlySpan<float>(scratch + r * NarrowColumns, NarrowColumns);
                                    computed.CopyTo(new Span<float>(c + (nint)r * _n, NarrowColumns));
                                }
                            }
                        }
                    }
                }
            }
        }

        /// <summary>
        /// Asks for the next tile's rows of C (16 floats, at most two cache lines each) while this tile computes: C rows lie
        /// N floats apart, and an accumulating product (∂W) finds them outside L2; the kernel's first k step waits for them.
        /// </summary>
        private static void PrefetchTile(float* c, nint ldc)
        {
            if (!Sse.IsSupported)
            {
                return;
            }
            for (int r = 0; r < Avx2TileRows; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0(c + r * ldc + NarrowColumns - 1);
            }
        }

        /// <summary>The 32 columns of B from <paramref name="j"/>, k-block k0, as two (kc, 16) panels one after the other.</summary>
        private void PackBPanels(int k0, int kc, int j, float* panels)
        {
            if (_bTransposed)
            {
                float* src = _b + (nint)j * _k + k0;
                for (int q = 0; q < TileColumns; q += 8)
                {
                    float* panel = panels + (q / NarrowColumns) * kc * NarrowColumns + q % NarrowColumns;
                    int p = 0;
                    for (; p + 8 <= kc; p += 8)
                    {
                        Transpose8x8(src + q * _k + p, _k, panel + p * NarrowColumns, NarrowColumns);
                    }
                    for (; p < kc; p++)
                    {
                        for (int r = 0; r < 8; r++)
                        {
                            panel[p * NarrowColumns + r] = src[(q + r) * _k + p];
                        }
                    }
                }
                return;
            }
            float* rowsOfB = _b + (nint)k0 * _n + j;
            float* second = panels + kc * NarrowColumns;
            for (int p = 0; p < kc; p++)
            {
                float* from = rowsOfB + (nint)p * _n;
                if (Sse.IsSupported)
                {
                    // The next strip's piece of this row (rows lie N floats apart, beyond the prefetchers' reach) arrives
                    // while this strip's tiles run. A prefetch past the end of B is harmless: it never faults.
                    Sse.Prefetch0(from + TileColumns);
                    Sse.Prefetch0(from + TileColumns + NarrowColumns);
                }
                Vector256.Load(from).Store(panels + p * NarrowColumns);
                Vector256.Load(from + 8).Store(panels + p * NarrowColumns + 8);
                Vector256.Load(from + 16).Store(second + p * NarrowColumns);
                Vector256.Load(from + 24).Store(second + p * NarrowColumns + 8);
            }
        }
    }

    /// <summary>
    /// The packed AVX2 tile: 6 rows × 16 columns = 12 Vector256 accumulators, two loads of B and six broadcasts of A per
    /// k step, both from contiguous panels (6 and 16 floats per step); same chain per element as <see cref="Kernel8x32"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void KernelPacked6x16(float* a, float* b, float* c, nint ldc, int kc, bool load)
    {
        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        if (load)
        {
            c00 = Vector256.Load(c); c01 = Vector256.Load(c + 8);
            c10 = Vector256.Load(c + ldc); c11 = Vector256.Load(c + ldc + 8);
            c20 = Vector256.Load(c + 2 * ldc); c21 = Vector256.Load(c + 2 * ldc + 8);
            c30 = Vector256.Load(c + 3 * ldc); c31 = Vector256.Load(c + 3 * ldc + 8);
            c40 = Vector256.Load(c + 4 * ldc); c41 = Vector256.Load(c + 4 * ldc + 8);
            c50 = Vector256.Load(c + 5 * ldc); c51 = Vector256.Load(c + 5 * ldc + 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = Vector256<float>.Zero;
        }
        float* end = a + kc * Avx2TileRows;
        while (a < end)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> x;
            x = Vector256.Create(a[0]); c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]); c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]); c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]); c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]); c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]); c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a += Avx2TileRows;
            b += NarrowColumns;
        }
        c00.Store(c); c01.Store(c + 8);
        c10.Store(c + ldc); c11.Store(c + ldc + 8);
        c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 8);
        c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 8);
        c40.Store(c + 4 * ldc); c41.Store(c + 4 * ldc + 8);
        c50.Store(c + 5 * ldc); c51.Store(c + 5 * ldc + 8);
    }
}
