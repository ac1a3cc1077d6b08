using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verification.Optimized;

/// <summary>
/// Single-precision matrix products for Linear's three products, one kernel for all of them:
/// <c>C (M, N) = A (M, K) · B (K, N)</c> (or <c>C += …</c>), where B and C are row-major and A is read through
/// strides, so <c>A = G</c> (row-major), <c>A = Gᵀ</c> (G stored (K, M)) and <c>B = Wᵀ</c> (a transposed copy) all fit.
/// <para>
/// Every element is one fused multiply-add chain in increasing k, started from 0 or from C:
/// <c>c ← fma(a[i,k], b[k,j], c)</c>. The vector kernel (an 8×32 register tile of Vector512 FMAs over blocks of
/// 256 k) and the scalar path compute exactly that chain, so they agree bit for bit with each other, with any
/// split of the work across threads, and with the naive product up to float rounding of the chain.
/// </para>
/// </summary>
public static class Gemm
{
    /// <summary>Rows of the register tile.</summary>
    public const int TileRows = 8;

    /// <summary>Rows of the wide Vector512 register tile, used for whole 12-row blocks of a full strip.</summary>
    public const int WideTileRows = 12;

    /// <summary>Columns of the register tile (two Vector512 of floats).</summary>
    public const int TileColumns = 32;

    /// <summary>k-block: a 256×32 strip of B (32 KB) stays in L1 while the row tiles pass over it.</summary>
    public const int KBlock = 256;

    /// <summary>
    /// Products with at least this many multiply-adds (about 40 µs on one core) are shared with the helper thread;
    /// below it the hand-off and the cache traffic cost about what the second core saves.
    /// </summary>
    public const long ParallelThreshold = 1L << 23;

    /// <summary>
    /// The kernel in use: the best the hardware has by default. Every path computes the same fma chain per element,
    /// so switching changes speed, never results (the tests compare all three).
    /// </summary>
    public static GemmPath Path { get; set; } =
        Vector512.IsHardwareAccelerated ? GemmPath.Vector512 : Vector256.IsHardwareAccelerated ? GemmPath.Vector256 : GemmPath.Scalar;

    /// <summary><c>C (M, N) (+)= A (M, K) · B (K, N)</c>, all row-major.</summary>
    public static void MultiplyNN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        Check(a.Length, (long)m * k, nameof(a));
        Check(b.Length, (long)k * n, nameof(b));
        Check(c.Length, (long)m * n, nameof(c));
        Multiply(a, k, 1, b, c, m, k, n, accumulate);
    }

    /// <summary><c>C (M, N) (+)= Aᵀ · B</c> where A is stored row-major as (K, M) and B as (K, N): Linear's <c>∂W += gᵀ·x</c>.</summary>
    public static void MultiplyTN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        Check(a.Length, (long)k * m, nameof(a));
        Check(b.Length, (long)k * n, nameof(b));
        Check(c.Length, (long)m * n, nameof(c));
        Multiply(a, 1, m, b, c, m, k, n, accumulate);
    }

    /// <summary>
    /// <c>C (M, N) (+)= A (M, K) · Bᵀ</c> where B is stored (N, K). With more than 16 rows and at least one whole strip, each
    /// 32-column strip of Bᵀ is packed from B's rows inside the product; otherwise (see <see cref="NeedsTransposedCopy"/>)
    /// Bᵀ is written into <paramref name="transposedB"/> (K·N floats) and multiplied with, which is cheaper than gathering
    /// B's columns inside the kernel.
    /// </summary>
    public static void MultiplyNT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate, Span<float> transposedB)
    {
        Check(b.Length, (long)n * k, nameof(b));
        if (!NeedsTransposedCopy(m, n))
        {
            // Enough rows to pack every strip anyway: pack it straight from B's rows (8×8 register transposes into the
            // L1-resident strip) instead of writing all of Bᵀ to memory and reading it back (2·K·N floats, at a
            // strided-store speed: a quarter of the 784→512 forward). The packed strip holds the same numbers.
            Check(a.Length, (long)m * k, nameof(a));
            Check(c.Length, (long)m * n, nameof(c));
            Multiply(a, k, 1, b, c, m, k, n, accumulate, bTransposed: true);
            return;
        }
        Check(transposedB.Length, (long)n * k, nameof(transposedB));
        Transpose(b, transposedB, n, k);
        MultiplyNN(a, transposedB, c, m, k, n, accumulate);
    }

    /// <summary>
    /// Whether <see cref="MultiplyNT"/> writes Bᵀ into its scratch for an (M, N) result on the current path; when it does
    /// not, the scratch may be empty (Linear allocates its transposed copy only for shapes that use it).
    /// </summary>
    public static bool NeedsTransposedCopy(int m, int n) => !(m > 2 * TileRows && n >= TileColumns && Path != GemmPath.Scalar);

    /// <summary><c>dst (cols, rows) = srcᵀ</c> for a row-major (rows, cols) source: 8×8 blocks transposed in AVX registers, scalar edges.</summary>
    public static unsafe void Transpose(ReadOnlySpan<float> source, Span<float> destination, int rows, int cols)
    {
        Check(source.Length, (long)rows * cols, nameof(source));
        Check(destination.Length, (long)rows * cols, nameof(destination));
        fixed (float* src = source)
        fixed (float* dst = destination)
        {
            int i = 0;
            if (Avx.IsSupported)
            {
                // Sixteen source rows at a time, so each destination cache line (16 floats) is written whole.
                for (; i + 16 <= rows; i += 16)
                {
                    int j = 0;
                    for (; j + 8 <= cols; j += 8)
                    {
                        Transpose8x8(src + (nint)i * cols + j, cols, dst + (nint)j * rows + i, rows);
                        Transpose8x8(src + (nint)(i + 8) * cols + j, cols, dst + (nint)j * rows + i + 8, rows);
                    }
                    for (; j < cols; j++)
                    {
                        for (int r = i; r < i + 16; r++)
                        {
                            dst[(nint)j * rows + r] = src[(nint)r * cols + j];
                        }
                    }
                }
                for (; i + 8 <= rows; i += 8)
                {
                    int j = 0;
                    for (; j + 8 <= cols; j += 8)
                    {
                        Transpose8x8(src + (nint)i * cols + j, cols, dst + (nint)j * rows + i, rows);
                    }
                    for (; j < cols; j++)
                    {
                        for (int r = i; r < i + 8; r++)
                        {
                            dst[(nint)j * rows + r] = src[(nint)r * cols + j];
                        }
                    }
                }
            }
            for (; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    dst[(nint)j * rows + i] = src[(nint)i * cols + j];
                }
            }
        }
    }

    /// <summary>The classic 8×8 register transpose: unpack pairs, shuffle quads, swap 128-bit halves.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transpose8x8(float* src, nint ls, float* dst, nint ld)
    {
        Vector256<float> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + ls);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * ls), r3 = Avx.LoadVector256(src + 3 * ls);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * ls), r5 = Avx.LoadVector256(src + 5 * ls);
        Vector256<float> r6 = Avx.LoadVector256(src + 6 * ls), r7 = Avx.LoadVector256(src + 7 * ls);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + ld, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 2 * ld, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 3 * ld, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 4 * ld, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 5 * ld, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 6 * ld, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(dst + 7 * ld, Avx.Permute2x128(u3, u7, 0x31));
    }

    private static void Check(int actual, long required, string name)
    {
        if (actual < required)
        {
            throw new ArgumentException($"{name} holds {actual} floats but the product needs {required}.", name);
        }
    }

    private static unsafe void Multiply(ReadOnlySpan<float> a, int aRowStride, int aColStride, ReadOnlySpan<float> b,
        Span<float> c, int m, int k, int n, bool accumulate, bool bTransposed = false)
    {
        if (m == 0 || n == 0)
        {
            return;
        }
        if (k == 0)
        {
            if (!accumulate)
            {
                c.Slice(0, m * n).Clear();
            }
            return;
        }
        // A product narrower than one tile (Linear's 1-, 10- and 20-wide layers) pads B once, here, rather than once per
        // piece and k-block; up to 16 columns it runs a tile of one vector width instead of two.
        int paddedWidth = 0;
        float[]? padded = null;
        if (n < TileColumns && Path != GemmPath.Scalar)
        {
            paddedWidth = n <= NarrowColumns ? NarrowColumns : TileColumns;
            padded = PaddedB(k * paddedWidth);
            Pad(b, padded, k, n, paddedWidth);
        }
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        fixed (float* pp = padded)
        {
            var job = GemmJob.ForThisThread;
            job.Set(pa, aRowStride, aColStride, pb, pc, m, k, n, accumulate, Path);
            job.SetPadded(pp, paddedWidth);
            job.SetBTransposed(bTransposed);
            if ((long)m * n * k >= ParallelThreshold && Parallelism.MaxDegreeOfParallelism > 1)
            {
                HelperThread.Run(job);
            }
            else
            {
                for (int piece = 0; piece < job.Pieces; piece++)
                {
                    job.Execute(piece);
                }
            }
        }
    }

    /// <summary>Columns of the narrow tile: one Vector512 (or two Vector256) of floats.</summary>
    public const int NarrowColumns = 16;

    [ThreadStatic] private static float[]? _paddedB;

    private static float[] PaddedB(int length)
    {
        if (_paddedB is null || _paddedB.Length < length)
        {
            _paddedB = new float[Math.Max(length, 2 * (_paddedB?.Length ?? 0))];
        }
        return _paddedB;
    }

    /// <summary><c>dst (k, width)</c> = B (k, n) with columns n…width−1 zero: the zeros only ever meet the unused columns of the tile.</summary>
    private static void Pad(ReadOnlySpan<float> b, Span<float> dst, int k, int n, int width)
    {
        for (int p = 0; p < k; p++)
        {
            b.Slice(p * n, n).CopyTo(dst.Slice(p * width, n));
            dst.Slice(p * width + n, width - n).Clear();
        }
    }

    /// <summary>Most pieces one product is cut into.</summary>
    public const int MaxPieces = 8;

    /// <summary>
    /// The work of one product, cut into at most <see cref="MaxPieces"/> fixed pieces: groups of 32-column strips when
    /// there are at least two strips, else groups of 8-row tiles. The cut depends only on the shape.
    /// </summary>
    private sealed unsafe class GemmJob : IPiecewiseJob
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
                                float* src = bBlock + (nint)p * _n + j;
                                Vector512.Store(Vector512.Load(src), tailB + p * TileColumns);
                                Vector512.Store(Vector512.Load(src + 16), tailB + p * TileColumns + 16);
                            }
                            strip = tailB;
                            ldb = TileColumns;
                        }
                        int i = rowStart;
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
        /// <c>strip (kc, 32)[p, q] = src[q·ld + p]</c> for q &lt; <paramref name="width"/>, zero beyond: a 32-column strip of Bᵀ
        /// packed from B's rows, in 8×8 register transposes where the block is whole.
        /// </summary>
        private static void PackTransposed(float* src, nint ld, int width, int kc, float* strip)
        {
            int q = 0;
            if (Avx.IsSupported)
            {
                for (; q + 8 <= width; q += 8)
                {
                    int p = 0;
                    for (; p + 8 <= kc; p += 8)
                    {
                        Transpose8x8(src + q * ld + p, ld, strip + p * TileColumns + q, TileColumns);
                    }
                    for (; p < kc; p++)
                    {
                        for (int r = q; r < q + 8; r++)
                        {
                            strip[p * TileColumns + r] = src[r * ld + p];
                        }
                    }
                }
            }
            for (; q < width; q++)
            {
                for (int p = 0; p < kc; p++)
                {
                    strip[p * TileColumns + q] = src[q * ld + p];
                }
            }
            for (; q < TileColumns; q++)
            {
                for (int p = 0; p < kc; p++)
                {
                    strip[p * TileColumns + q] = 0f;
                }
            }
        }

        /// <summary>One 8×16 tile (C loaded): one Vector512 column of accumulators, or one AVX2 8×16 kernel call.</summary>
        private void NarrowTile(float* a, nint ars, nint acs, float* b, nint ldb, float* c, nint ldc, int kc, int rows)
        {
            if (_path == GemmPath.Vector512)
            {
                Kernel8x16Wide(a, ars, acs, b, ldb, c, ldc, kc, rows);
            }
            else
            {
                Kernel8x16(a, ars, acs, b, ldb, c, ldc, kc, rows, true);
            }
        }

        /// <summary>One 8×32 tile on the selected path: one Vector512 kernel call, or two 8×16 Vector256 kernel calls.</summary>
        private void Tile(float* a, nint ars, nint acs, float* b, nint ldb, float* c, nint ldc, int kc, int rows, bool load)
        {
            if (_path == GemmPath.Vector512)
            {
                Kernel8x32(a, ars, acs, b, ldb, c, ldc, kc, rows, load);
            }
            else
            {
                Kernel8x16(a, ars, acs, b, ldb, c, ldc, kc, rows, load);
                Kernel8x16(a, ars, acs, b + 16, ldb, c + 16, ldc, kc, rows, load);
            }
        }
    }

    /// <summary>
    /// The register tile: 8 rows × 32 columns = 16 Vector512 accumulators, each step one broadcast of A per row and
    /// two loads of B. Rows past <paramref name="rows"/> repeat the last valid row and are not stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel8x32(float* a, nint ars, nint acs, float* b, nint ldb, float* c, nint ldc, int kc, int rows, bool load)
    {
        nint o1 = Math.Min(1, rows - 1) * ars, o2 = Math.Min(2, rows - 1) * ars, o3 = Math.Min(3, rows - 1) * ars;
        nint o4 = Math.Min(4, rows - 1) * ars, o5 = Math.Min(5, rows - 1) * ars, o6 = Math.Min(6, rows - 1) * ars;
        nint o7 = Math.Min(7, rows - 1) * ars;
        nint l1 = Math.Min(1, rows - 1) * ldc, l2 = Math.Min(2, rows - 1) * ldc, l3 = Math.Min(3, rows - 1) * ldc;
        nint l4 = Math.Min(4, rows - 1) * ldc, l5 = Math.Min(5, rows - 1) * ldc, l6 = Math.Min(6, rows - 1) * ldc;
        nint l7 = Math.Min(7, rows - 1) * ldc;

        Vector512<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (load)
        {
            c00 = Vector512.Load(c); c01 = Vector512.Load(c + 16);
            c10 = Vector512.Load(c + l1); c11 = Vector512.Load(c + l1 + 16);
            c20 = Vector512.Load(c + l2); c21 = Vector512.Load(c + l2 + 16);
            c30 = Vector512.Load(c + l3); c31 = Vector512.Load(c + l3 + 16);
            c40 = Vector512.Load(c + l4); c41 = Vector512.Load(c + l4 + 16);
            c50 = Vector512.Load(c + l5); c51 = Vector512.Load(c + l5 + 16);
            c60 = Vector512.Load(c + l6); c61 = Vector512.Load(c + l6 + 16);
            c70 = Vector512.Load(c + l7); c71 = Vector512.Load(c + l7 + 16);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector512<float>.Zero;
            c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = Vector512<float>.Zero;
        }

        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> x;
            x = Vector512.Create(a[0]); c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[o1]); c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[o2]); c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[o3]); c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[o4]); c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[o5]); c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a[o6]); c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a[o7]); c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            a += acs;
            b += ldb;
        }

        if (rows > 7) { c70.Store(c + l7); c71.Store(c + l7 + 16); }
        if (rows > 6) { c60.Store(c + l6); c61.Store(c + l6 + 16); }
        if (rows > 5) { c50.Store(c + l5); c51.Store(c + l5 + 16); }
        if (rows > 4) { c40.Store(c + l4); c41.Store(c + l4 + 16); }
        if (rows > 3) { c30.Store(c + l3); c31.Store(c + l3 + 16); }
        if (rows > 2) { c20.Store(c + l2); c21.Store(c + l2 + 16); }
        if (rows > 1) { c10.Store(c + l1); c11.Store(c + l1 + 16); }
        c00.Store(c); c01.Store(c + 16);
    }
    /// <summary>
    /// The wide register tile: 12 whole rows × 32 columns = 24 Vector512 accumulators (of 32 registers), each step one
    /// broadcast of A per row and two loads of B; the same chain per element as <see cref="Kernel8x32"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel12x32(float* a, nint ars, nint acs, float* b, nint ldb, float* c, nint ldc, int kc, bool load)
    {
        Vector512<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71, c80, c81, c90, c91, c100, c101, c110, c111;
        if (load)
        {
            c00 = Vector512.Load(c + 0 * ldc); c01 = Vector512.Load(c + 0 * ldc + 16);
            c10 = Vector512.Load(c + 1 * ldc); c11 = Vector512.Load(c + 1 * ldc + 16);
            c20 = Vector512.Load(c + 2 * ldc); c21 = Vector512.Load(c + 2 * ldc + 16);
            c30 = Vector512.Load(c + 3 * ldc); c31 = Vector512.Load(c + 3 * ldc + 16);
            c40 = Vector512.Load(c + 4 * ldc); c41 = Vector512.Load(c + 4 * ldc + 16);
            c50 = Vector512.Load(c + 5 * ldc); c51 = Vector512.Load(c + 5 * ldc + 16);
            c60 = Vector512.Load(c + 6 * ldc); c61 = Vector512.Load(c + 6 * ldc + 16);
            c70 = Vector512.Load(c + 7 * ldc); c71 = Vector512.Load(c + 7 * ldc + 16);
            c80 = Vector512.Load(c + 8 * ldc); c81 = Vector512.Load(c + 8 * ldc + 16);
            c90 = Vector512.Load(c + 9 * ldc); c91 = Vector512.Load(c + 9 * ldc + 16);
            c100 = Vector512.Load(c + 10 * ldc); c101 = Vector512.Load(c + 10 * ldc + 16);
            c110 = Vector512.Load(c + 11 * ldc); c111 = Vector512.Load(c + 11 * ldc + 16);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = c80 = c81 = c90 = c91 = c100 = c101 = c110 = c111 = Vector512<float>.Zero;
        }
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            Vector512<float> x;
            x = Vector512.Create(a[0]); c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(a[1 * ars]); c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(a[2 * ars]); c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(a[3 * ars]); c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(a[4 * ars]); c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(a[5 * ars]); c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(a[6 * ars]); c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(a[7 * ars]); c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            x = Vector512.Create(a[8 * ars]); c80 = Vector512.FusedMultiplyAdd(x, b0, c80); c81 = Vector512.FusedMultiplyAdd(x, b1, c81);
            x = Vector512.Create(a[9 * ars]); c90 = Vector512.FusedMultiplyAdd(x, b0, c90); c91 = Vector512.FusedMultiplyAdd(x, b1, c91);
            x = Vector512.Create(a[10 * ars]); c100 = Vector512.FusedMultiplyAdd(x, b0, c100); c101 = Vector512.FusedMultiplyAdd(x, b1, c101);
            x = Vector512.Create(a[11 * ars]); c110 = Vector512.FusedMultiplyAdd(x, b0, c110); c111 = Vector512.FusedMultiplyAdd(x, b1, c111);
            a += acs;
            b += ldb;
        }
        c00.Store(c + 0 * ldc); c01.Store(c + 0 * ldc + 16);
        c10.Store(c + 1 * ldc); c11.Store(c + 1 * ldc + 16);
        c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 16);
        c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 16);
        c40.Store(c + 4 * ldc); c41.Store(c + 4 * ldc + 16);
        c50.Store(c + 5 * ldc); c51.Store(c + 5 * ldc + 16);
        c60.Store(c + 6 * ldc); c61.Store(c + 6 * ldc + 16);
        c70.Store(c + 7 * ldc); c71.Store(c + 7 * ldc + 16);
        c80.Store(c + 8 * ldc); c81.Store(c + 8 * ldc + 16);
        c90.Store(c + 9 * ldc); c91.Store(c + 9 * ldc + 16);
        c100.Store(c + 10 * ldc); c101.Store(c + 10 * ldc + 16);
        c110.Store(c + 11 * ldc); c111.Store(c + 11 * ldc + 16);
    }

    /// <summary>
    /// The narrow tile: 8 rows × 16 columns = 8 Vector512 accumulators, loaded from C; the same chain per element as
    /// <see cref="Kernel8x32"/>. Rows past <paramref name="rows"/> repeat the last valid row and are not stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel8x16Wide(float* a, nint ars, nint acs, float* b, nint ldb, float* c, nint ldc, int kc, int rows)
    {
        nint o1 = Math.Min(1, rows - 1) * ars, o2 = Math.Min(2, rows - 1) * ars, o3 = Math.Min(3, rows - 1) * ars;
        nint o4 = Math.Min(4, rows - 1) * ars, o5 = Math.Min(5, rows - 1) * ars, o6 = Math.Min(6, rows - 1) * ars;
        nint o7 = Math.Min(7, rows - 1) * ars;
        nint l1 = Math.Min(1, rows - 1) * ldc, l2 = Math.Min(2, rows - 1) * ldc, l3 = Math.Min(3, rows - 1) * ldc;
        nint l4 = Math.Min(4, rows - 1) * ldc, l5 = Math.Min(5, rows - 1) * ldc, l6 = Math.Min(6, rows - 1) * ldc;
        nint l7 = Math.Min(7, rows - 1) * ldc;
        Vector512<float> c0 = Vector512.Load(c), c1 = Vector512.Load(c + l1), c2 = Vector512.Load(c + l2), c3 = Vector512.Load(c + l3);
        Vector512<float> c4 = Vector512.Load(c + l4), c5 = Vector512.Load(c + l5), c6 = Vector512.Load(c + l6), c7 = Vector512.Load(c + l7);
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            c0 = Vector512.FusedMultiplyAdd(Vector512.Create(a[0]), b0, c0);
            c1 = Vector512.FusedMultiplyAdd(Vector512.Create(a[o1]), b0, c1);
            c2 = Vector512.FusedMultiplyAdd(Vector512.Create(a[o2]), b0, c2);
            c3 = Vector512.FusedMultiplyAdd(Vector512.Create(a[o3]), b0, c3);
            c4 = Vector512.FusedMultiplyAdd(Vector512.Create(a[o4]), b0, c4);
            c5 = Vector512.FusedMultiplyAdd(Vector512.Create(a[o5]), b0, c5);
            c6 = Vector512.FusedMultiplyAdd(Vector512.Create(a[o6]), b0, c6);
            c7 = Vector512.FusedMultiplyAdd(Vector512.Create(a[o7]), b0, c7);
            a += acs;
            b += ldb;
        }
        if (rows > 7) c7.Store(c + l7);
        if (rows > 6) c6.Store(c + l6);
        if (rows > 5) c5.Store(c + l5);
        if (rows > 4) c4.Store(c + l4);
        if (rows > 3) c3.Store(c + l3);
        if (rows > 2) c2.Store(c + l2);
        if (rows > 1) c1.Store(c + l1);
        c0.Store(c);
    }

    /// <summary>
    /// The AVX2 tile: 8 rows × 16 columns = 16 Vector256 accumulators (all sixteen ymm registers hold sums; broadcasts
    /// and B come from memory). Same chain per element as <see cref="Kernel8x32"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel8x16(float* a, nint ars, nint acs, float* b, nint ldb, float* c, nint ldc, int kc, int rows, bool load)
    {
        nint o1 = Math.Min(1, rows - 1) * ars, o2 = Math.Min(2, rows - 1) * ars, o3 = Math.Min(3, rows - 1) * ars;
        nint o4 = Math.Min(4, rows - 1) * ars, o5 = Math.Min(5, rows - 1) * ars, o6 = Math.Min(6, rows - 1) * ars;
        nint o7 = Math.Min(7, rows - 1) * ars;
        nint l1 = Math.Min(1, rows - 1) * ldc, l2 = Math.Min(2, rows - 1) * ldc, l3 = Math.Min(3, rows - 1) * ldc;
        nint l4 = Math.Min(4, rows - 1) * ldc, l5 = Math.Min(5, rows - 1) * ldc, l6 = Math.Min(6, rows - 1) * ldc;
        nint l7 = Math.Min(7, rows - 1) * ldc;

        Vector256<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (load)
        {
            c00 = Vector256.Load(c); c01 = Vector256.Load(c + 8);
            c10 = Vector256.Load(c + l1); c11 = Vector256.Load(c + l1 + 8);
            c20 = Vector256.Load(c + l2); c21 = Vector256.Load(c + l2 + 8);
            c30 = Vector256.Load(c + l3); c31 = Vector256.Load(c + l3 + 8);
            c40 = Vector256.Load(c + l4); c41 = Vector256.Load(c + l4 + 8);
            c50 = Vector256.Load(c + l5); c51 = Vector256.Load(c + l5 + 8);
            c60 = Vector256.Load(c + l6); c61 = Vector256.Load(c + l6 + 8);
            c70 = Vector256.Load(c + l7); c71 = Vector256.Load(c + l7 + 8);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector256<float>.Zero;
            c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = Vector256<float>.Zero;
        }

        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> x;
            x = Vector256.Create(a[0]); c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[o1]); c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[o2]); c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[o3]); c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[o4]); c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[o5]); c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            x = Vector256.Create(a[o6]); c60 = Vector256.FusedMultiplyAdd(x, b0, c60); c61 = Vector256.FusedMultiplyAdd(x, b1, c61);
            x = Vector256.Create(a[o7]); c70 = Vector256.FusedMultiplyAdd(x, b0, c70); c71 = Vector256.FusedMultiplyAdd(x, b1, c71);
            a += acs;
            b += ldb;
        }

        if (rows > 7) { c70.Store(c + l7); c71.Store(c + l7 + 8); }
        if (rows > 6) { c60.Store(c + l6); c61.Store(c + l6 + 8); }
        if (rows > 5) { c50.Store(c + l5); c51.Store(c + l5 + 8); }
        if (rows > 4) { c40.Store(c + l4); c41.Store(c + l4 + 8); }
        if (rows > 3) { c30.Store(c + l3); c31.Store(c + l3 + 8); }
        if (rows > 2) { c20.Store(c + l2); c21.Store(c + l2 + 8); }
        if (rows > 1) { c10.Store(c + l1); c11.Store(c + l1 + 8); }
        c00.Store(c); c01.Store(c + 8);
    }
}

/// <summary>Which product kernel runs: AVX-512 8×32 tiles, AVX2 8×16 tiles, or plain scalar loops.</summary>
public enum GemmPath
{
    /// <summary>Scalar fused multiply-adds, one element at a time.</summary>
    Scalar,

    /// <summary>Two 8×16 Vector256 tiles per 8×32 tile.</summary>
    Vector256,

    /// <summary>One 8×32 Vector512 tile.</summary>
    Vector512,
}
