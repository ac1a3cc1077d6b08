using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verification.Optimized;

// Gemm by role: B transposed, padded or packed into L1-resident strips before the tiles read it.

public static partial class Gemm
{
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

    private sealed unsafe partial class GemmJob
    {
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
    }
}
