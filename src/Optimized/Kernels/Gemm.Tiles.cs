using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Verification.Optimized;

// Gemm by role: the register-tile kernels, one fma chain per element (see Gemm.cs).

public static partial class Gemm
{
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
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = c80 = c81 =
                c90 = c91 = c100 = c101 = c110 = c111 = Vector512<float>.Zero;
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
