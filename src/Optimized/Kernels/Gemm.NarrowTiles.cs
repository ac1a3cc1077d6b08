using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Verification.Optimized;

// Gemm by role: the AVX2 6×16 tile and the 128-bit (SSE, Arm64 NEON) 8×8 tile, one fma chain per element (see Gemm.cs).

public static partial class Gemm
{
    /// <summary>Rows of the AVX2 main tile.</summary>
    public const int Avx2TileRows = 6;

    /// <summary>
    /// The AVX2 main tile: 6 whole rows × 16 columns = 12 Vector256 accumulators, two registers for B and one broadcast
    /// of A: 15 of the 16 ymm registers, so nothing spills (BLIS's Haswell shape). Same chain per element as
    /// <see cref="Kernel8x32"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel6x16(float* a, nint ars, nint acs, float* b, nint ldb, float* c, nint ldc, int kc, bool load)
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
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            Vector256<float> x;
            x = Vector256.Create(a[0]); c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[ars]); c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2 * ars]); c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3 * ars]); c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4 * ars]); c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5 * ars]); c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a += acs;
            b += ldb;
        }
        c00.Store(c); c01.Store(c + 8);
        c10.Store(c + ldc); c11.Store(c + ldc + 8);
        c20.Store(c + 2 * ldc); c21.Store(c + 2 * ldc + 8);
        c30.Store(c + 3 * ldc); c31.Store(c + 3 * ldc + 8);
        c40.Store(c + 4 * ldc); c41.Store(c + 4 * ldc + 8);
        c50.Store(c + 5 * ldc); c51.Store(c + 5 * ldc + 8);
    }

    /// <summary>
    /// The 128-bit tile (SSE, Arm64 NEON): 8 rows × 8 columns = 16 Vector128 accumulators, B and the broadcast from
    /// memory on SSE's 16 registers (NEON has 32). Rows past <paramref name="rows"/> repeat the last valid row and are
    /// not stored. Same chain per element as <see cref="Kernel8x32"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel8x8(float* a, nint ars, nint acs, float* b, nint ldb, float* c, nint ldc, int kc, int rows, bool load)
    {
        nint o1 = Math.Min(1, rows - 1) * ars, o2 = Math.Min(2, rows - 1) * ars, o3 = Math.Min(3, rows - 1) * ars;
        nint o4 = Math.Min(4, rows - 1) * ars, o5 = Math.Min(5, rows - 1) * ars, o6 = Math.Min(6, rows - 1) * ars;
        nint o7 = Math.Min(7, rows - 1) * ars;
        nint l1 = Math.Min(1, rows - 1) * ldc, l2 = Math.Min(2, rows - 1) * ldc, l3 = Math.Min(3, rows - 1) * ldc;
        nint l4 = Math.Min(4, rows - 1) * ldc, l5 = Math.Min(5, rows - 1) * ldc, l6 = Math.Min(6, rows - 1) * ldc;
        nint l7 = Math.Min(7, rows - 1) * ldc;

        Vector128<float> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (load)
        {
            c00 = Vector128.Load(c); c01 = Vector128.Load(c + 4);
            c10 = Vector128.Load(c + l1); c11 = Vector128.Load(c + l1 + 4);
            c20 = Vector128.Load(c + l2); c21 = Vector128.Load(c + l2 + 4);
            c30 = Vector128.Load(c + l3); c31 = Vector128.Load(c + l3 + 4);
            c40 = Vector128.Load(c + l4); c41 = Vector128.Load(c + l4 + 4);
            c50 = Vector128.Load(c + l5); c51 = Vector128.Load(c + l5 + 4);
            c60 = Vector128.Load(c + l6); c61 = Vector128.Load(c + l6 + 4);
            c70 = Vector128.Load(c + l7); c71 = Vector128.Load(c + l7 + 4);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector128<float>.Zero;
            c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = Vector128<float>.Zero;
        }

        for (int p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> x;
            x = Vector128.Create(a[0]); c00 = Vector128.FusedMultiplyAdd(x, b0, c00); c01 = Vector128.FusedMultiplyAdd(x, b1, c01);
            x = Vector128.Create(a[o1]); c10 = Vector128.FusedMultiplyAdd(x, b0, c10); c11 = Vector128.FusedMultiplyAdd(x, b1, c11);
            x = Vector128.Create(a[o2]); c20 = Vector128.FusedMultiplyAdd(x, b0, c20); c21 = Vector128.FusedMultiplyAdd(x, b1, c21);
            x = Vector128.Create(a[o3]); c30 = Vector128.FusedMultiplyAdd(x, b0, c30); c31 = Vector128.FusedMultiplyAdd(x, b1, c31);
            x = Vector128.Create(a[o4]); c40 = Vector128.FusedMultiplyAdd(x, b0, c40); c41 = Vector128.FusedMultiplyAdd(x, b1, c41);
            x = Vector128.Create(a[o5]); c50 = Vector128.FusedMultiplyAdd(x, b0, c50); c51 = Vector128.FusedMultiplyAdd(x, b1, c51);
            x = Vector128.Create(a[o6]); c60 = Vector128.FusedMultiplyAdd(x, b0, c60); c61 = Vector128.FusedMultiplyAdd(x, b1, c61);
            x = Vector128.Create(a[o7]); c70 = Vector128.FusedMultiplyAdd(x, b0, c70); c71 = Vector128.FusedMultiplyAdd(x, b1, c71);
            a += acs;
            b += ldb;
        }

        if (rows > 7) { c70.Store(c + l7); c71.Store(c + l7 + 4); }
        if (rows > 6) { c60.Store(c + l6); c61.Store(c + l6 + 4); }
        if (rows > 5) { c50.Store(c + l5); c51.Store(c + l5 + 4); }
        if (rows > 4) { c40.Store(c + l4); c41.Store(c + l4 + 4); }
        if (rows > 3) { c30.Store(c + l3); c31.Store(c + l3 + 4); }
        if (rows > 2) { c20.Store(c + l2); c21.Store(c + l2 + 4); }
        if (rows > 1) { c10.Store(c + l1); c11.Store(c + l1 + 4); }
        c00.Store(c); c01.Store(c + 4);
    }
}
