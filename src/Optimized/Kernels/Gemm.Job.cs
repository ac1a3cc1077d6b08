using System.Runtime.CompilerServices;

namespace Verification.Optimized;

// Gemm by role: one product cut into fixed pieces, run on this thread or shared with the helper thread.

public static partial class Gemm
{
    /// <summary>
    /// The work of one product, cut into at most <see cref="MaxPieces"/> fixed pieces: groups of 32-column strips when
    /// there are at least two strips, else groups of 8-row tiles. The cut depends only on the shape.
    /// </summary>
    private sealed unsafe partial class GemmJob : IPiecewiseJob
    {
        [ThreadStatic] private static GemmJob? _forThisThread;
        private float* _a, _b, _c, _padded;
        private int _ars, _acs, _m, _k, _n, _paddedWidth;
        private bool _accumulate, _bTransposed;
        private GemmPath _path;

        public static GemmJob ForThisThread => _forThisThread ??= new GemmJob();

        public void Set(float* a, int ars, int acs, float* b, float* c, int m, int k, int n, bool accumulate, GemmPath path)
        {
            _a = a; _b = b; _c = c;
            (_ars, _acs, _m, _k, _n, _accumulate, _path) = (ars, acs, m, k, n, accumulate, path);
        }

        /// <summary>B already padded to <paramref name="width"/> columns (n &lt; one tile), or null.</summary>
        public void SetPadded(float* padded, int width)
        {
            _padded = padded;
            _paddedWidth = width;
        }

        /// <summary>B is stored (N, K) (<c>B[p, j] = b[j·K + p]</c>); every strip is then packed from it.</summary>
        public void SetBTransposed(bool transposed) => _bTransposed = transposed;

        public int Pieces
        {
            get
            {
                int strips = (_n + TileColumns - 1) / TileColumns;
                int tiles = (_m + TileRows - 1) / TileRows;
                return Math.Min(MaxPieces, strips >= 2 ? strips : tiles);
            }
        }

        public void Execute(int piece)
        {
            int strips = (_n + TileColumns - 1) / TileColumns;
            int tiles = (_m + TileRows - 1) / TileRows;
            int pieces = Pieces;
            int rowStart = 0, rowEnd = _m, colStart = 0, colEnd = _n;
            if (strips >= 2)
            {
                colStart = Math.Min(_n, strips * piece / pieces * TileColumns);
                colEnd = Math.Min(_n, strips * (piece + 1) / pieces * TileColumns);
            }
            else
            {
                rowStart = Math.Min(_m, tiles * piece / pieces * TileRows);
                rowEnd = Math.Min(_m, tiles * (piece + 1) / pieces * TileRows);
            }
            if (rowStart >= rowEnd || colStart >= colEnd)
            {
                return;
            }
            if (_packedA != null && _path == GemmPath.Vector256)
            {
                // Whole strips over packed panels; a ragged last strip (at most 31 columns) takes the general code below.
                int wholeEnd = colStart + (colEnd - colStart) / TileColumns * TileColumns;
                PackedRegion(colStart, wholeEnd);
                colStart = wholeEnd;
                if (colStart >= colEnd)
                {
                    return;
                }
            }
            if (_path != GemmPath.Scalar)
            {
                VectorRegion(rowStart, rowEnd, colStart, colEnd);
            }
            else
            {
                ScalarRegion(rowStart, rowEnd, colStart, colEnd);
            }
        }

        /// <summary>The scalar path: the same fma chain per element, in increasing k.</summary>
        private void ScalarRegion(int rowStart, int rowEnd, int colStart, int colEnd)
        {
            for (int i = rowStart; i < rowEnd; i++)
            {
                float* ci = _c + (nint)i * _n;
                if (!_accumulate)
                {
                    new Span<float>(ci + colStart, colEnd - colStart).Clear();
                }
                for (int p = 0; p < _k; p++)
                {
                    float aip = _a[(nint)i * _ars + (nint)p * _acs];
                    float* bp = _b + (nint)p * _n;
                    for (int j = colStart; j < colEnd; j++)
                    {
                        ci[j] = MathF.FusedMultiplyAdd(aip, bp[j], ci[j]);
                    }
                }
            }
        }

        // Without SkipLocalsInit the two stackallocs (33 KB) were zeroed on every call, once per piece: about as long as
        // a 60-row tile pass over a 256-deep strip. Every float of them is written before it is read.
        [SkipLocalsInit]
        private void VectorRegion(int rowStart, int rowEnd, int colStart, int colEnd)
        {
            float* tailB = stackalloc float[KBlock * TileColumns];
            float* tailC = stackalloc float[TileRows * TileColumns];
            for (int k0 = 0; k0 < _k; k0 += KBlock)
            {
                int kc = Math.Min(KBlock, _k - k0);
                bool load = _accumulate || k0 > 0;
                float* aBlock = _a + (nint)k0 * _acs;
                float* bBlock = _b + (nint)k0 * _n;
                // Packing the 32-column strip of B into a contiguous kc×32 block pays once several row tiles reuse it:
                // rows of B lie N floats apart, and at N = 512 or 1024 they all fall in the same few L1 sets.
                bool pack = (rowEnd - rowStart > 2 * TileRows && _n >= 128) || _bTransposed;
                for (int j = colStart; j < colEnd; j += TileColumns)
                {
                    int width = Math.Min(TileColumns, colEnd - j);
                    if (width == TileColumns)
                    {
                        float* strip = bBlock + j;
                        nint ldb = _n;
                        if (_bTransposed)
                        {
                            PackTransposed(_b + (nint)j * _k + k0, _k, TileColumns, kc, tailB);
                            strip = tailB;
                            ldb = TileColumns;
                        }
                        else if (pack)
                        {
                            for (int p = 0; p < kc; p++)
                            {
                                Unsafe.CopyBlockUnaligned(tailB + p * TileColumns, bBlock + (nint)p * _n + j, TileColumns * sizeof(float));
                            }
                            strip = tailB;
                            ldb = TileColumns;
                        }
                        int i = rowStart;
                        if (_path == GemmPath.Vector256)
                        {
                            Avx2Strip(aBlock + (nint)i * _ars, strip, ldb, _c + (nint)i * _n + j, kc, rowEnd - i, load);
                            continue;
                        }
                        if (_path == GemmPath.Vector512 && _packedA != null)
                        {
                            WideStripOverPackedA(k0, kc, strip, ldb, j, rowEnd, load);
                            continue;
                        }
                        if (_path == GemmPath.Vector512)
                        {
                            // Whole 12-row tiles first (24 accumulators: more FMAs per load of B), then 8-row tiles.
                            for (; i + WideTileRows <= rowEnd; i += WideTileRows)
                            {
                                Kernel12x32(aBlock + (nint)i * _ars, _ars, _acs, strip, ldb, _c + (nint)i * _n + j, _n, kc, load);
                            }
                        }
                        for (; i < rowEnd; i += TileRows)
                        {
                            Tile(aBlock + (nint)i * _ars, _ars, _acs, strip, ldb, _c + (nint)i * _n + j, _n, kc,
                                Math.Min(TileRows, rowEnd - i), load);
                        }
                        continue;
                    }
                    // A ragged last strip: zero-padded (here, or once for the whole product when it is the only strip),
                    // multiplied into a scratch tile, copied back.
                    float* paddedStrip = tailB;
                    int stripWidth = TileColumns;
                    if (_padded != null)
                    {
                        paddedStrip = _padded + (nint)k0 * _paddedWidth;
                        stripWidth = _paddedWidth;
                    }
                    else if (_bTransposed)
                    {
                        PackTransposed(_b + (nint)j * _k + k0, _k, width, kc, tailB);
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++)
                        {
                            float* src = bBlock + (nint)p * _n + j;
                            float* dst = tailB + p * TileColumns;
                            for (int q = 0; q < TileColumns; q++)
                            {
                                dst[q] = q < width ? src[q] : 0f;
                            }
                        }
                    }
                    for (int i = rowStart; i < rowEnd; i += TileRows)
                    {
                        int rows = Math.Min(TileRows, rowEnd - i);
                        float* cTile = _c + (nint)i * _n + j;
                        for (int r = 0; r < rows; r++)
                        {
                            var scratchRow = new Span<float>(tailC + r * TileColumns, stripWidth);
                            if (load)
                            {
                                new ReadOnlySpan<float>(cTile + (nint)r * _n, width).CopyTo(scratchRow);
                                scratchRow.Slice(width).Clear();
                            }
                            else
                            {
                                scratchRow.Clear();
                            }
                        }
                        if (stripWidth == NarrowColumns)
                        {
                            NarrowTile(aBlock + (nint)i * _ars, _ars, _acs, paddedStrip, NarrowColumns, tailC, TileColumns, kc, rows);
                        }
                        else
                        {
                            Tile(aBlock + (nint)i * _ars, _ars, _acs, paddedStrip, stripWidth, tailC, TileColumns, kc, rows, true);
                        }
                        for (int r = 0; r < rows; r++)
                        {
                            new ReadOnlySpan<float>(tailC + r * TileColumns, width).CopyTo(new Span<float>(cTile + (nint)r * _n, width));
                        }
                    }
                }
            }
        }

        /// <summary>
        /// A whole 32-column strip on the 512-bit path over A packed in 12-row panels (a panel's k step p holds its rows at
        /// p·12 … p·12 + 11, so the tiles read it with row stride 1 and column stride 12): whole panels in 12×32 tiles, the
        /// last, partial one in 8×32 tiles that stay inside it. Every row from 0 (the pieces split columns).
        /// </summary>
        private void WideStripOverPackedA(int k0, int kc, float* strip, nint ldb, int j, int rowEnd, bool load)
        {
            int panels = (_m + WideTileRows - 1) / WideTileRows;
            float* aBlock = _packedA + (nint)k0 * panels * WideTileRows;
            int i = 0;
            for (; i + WideTileRows <= rowEnd; i += WideTileRows)
            {
                Kernel12x32(aBlock + (nint)i * kc, 1, WideTileRows, strip, ldb, _c + (nint)i * _n + j, _n, kc, load);
            }
            for (; i < rowEnd; i += TileRows)
            {
                float* panelRow = aBlock + (nint)(i / WideTileRows) * WideTileRows * kc + i % WideTileRows;
                Tile(panelRow, 1, WideTileRows, strip, ldb, _c + (nint)i * _n + j, _n, kc, Math.Min(TileRows, rowEnd - i), load);
            }
        }

        /// <summary>
        /// A whole 32-column strip on the AVX2 path: each 16-column half (a 16 KB panel of B at kc = 256, half of a
        /// 32 KB L1) passes under every row, 6 rows at a time, the last rows in one 8×16 tile.
        /// </summary>
        private void Avx2Strip(float* a, float* strip, nint ldb, float* c, int kc, int rows, bool load)
        {
            for (int half = 0; half < TileColumns; half += 16)
            {
                int r = 0;
                for (; r + Avx2TileRows <= rows; r += Avx2TileRows)
                {
                    Kernel6x16(a + (nint)r * _ars, _ars, _acs, strip + half, ldb, c + (nint)r * _n + half, _n, kc, load);
                }
                if (r < rows)
                {
                    Kernel8x16(a + (nint)r * _ars, _ars, _acs, strip + half, ldb, c + (nint)r * _n + half, _n, kc, rows - r, load);
                }
            }
        }

        /// <summary>One 8×16 tile (C loaded): one Vector512 column of accumulators, one AVX2 8×16 kernel or two 128-bit 8×8.</summary>
        private void NarrowTile(float* a, nint ars, nint acs, float* b, nint ldb, float* c, nint ldc, int kc, int rows)
        {
            switch (_path)
            {
                case GemmPath.Vector512:
                    Kernel8x16Wide(a, ars, acs, b, ldb, c, ldc, kc, rows);
                    break;
                case GemmPath.Vector256:
                    Kernel8x16(a, ars, acs, b, ldb, c, ldc, kc, rows, true);
                    break;
                case GemmPath.Vector128EmulatedFma:
                    EmulatedFmaTile(a, ars, acs, b, ldb, c, ldc, kc, rows, NarrowColumns, true);
                    break;
                case GemmPath.Vector128MultiplyAdd:
                    MultiplyAddTile(a, ars, acs, b, ldb, c, ldc, kc, rows, NarrowColumns, true);
                    break;
                default:
                    Kernel8x8(a, ars, acs, b, ldb, c, ldc, kc, rows, true);
                    Kernel8x8(a, ars, acs, b + 8, ldb, c + 8, ldc, kc, rows, true);
                    break;
            }
        }

        /// <summary>One 8×32 tile on the selected path: one Vector512 kernel, two 8×16 Vector256 kernels or four 8×8 Vector128.</summary>
        private void Tile(float* a, nint ars, nint acs, float* b, nint ldb, float* c, nint ldc, int kc, int rows, bool load)
        {
            switch (_path)
            {
                case GemmPath.Vector512:
                    Kernel8x32(a, ars, acs, b, ldb, c, ldc, kc, rows, load);
                    break;
                case GemmPath.Vector256:
                    Kernel8x16(a, ars, acs, b, ldb, c, ldc, kc, rows, load);
                    Kernel8x16(a, ars, acs, b + 16, ldb, c + 16, ldc, kc, rows, load);
                    break;
                case GemmPath.Vector128EmulatedFma:
                    EmulatedFmaTile(a, ars, acs, b, ldb, c, ldc, kc, rows, TileColumns, load);
                    break;
                case GemmPath.Vector128MultiplyAdd:
                    MultiplyAddTile(a, ars, acs, b, ldb, c, ldc, kc, rows, TileColumns, load);
                    break;
                default:
                    for (int q = 0; q < TileColumns; q += 8)
                    {
                        Kernel8x8(a, ars, acs, b + q, ldb, c + q, ldc, kc, rows, load);
                    }
                    break;
            }
        }
    }
}
