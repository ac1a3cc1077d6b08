using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Verification.Optimized;

// Gemm by role: the 128-bit tile for x86 without an FMA unit, a multiply and then an add per step (two roundings, the
// Reference's `sum += a·b`), which is what the hardware does at full speed.

public static partial class Gemm
{
    /// <summary>Rows of the multiply-then-add micro-kernel: 4 rows × 8 columns = 8 accumulators.</summary>
    private const int MultiplyAddRows = 4;

    /// <summary>Columns of the multiply-then-add micro-kernel: two Vector128 of floats.</summary>
    private const int MultiplyAddColumns = 8;

    /// <summary>
    /// A <paramref name="rows"/> × <paramref name="columns"/> tile (rows ≤ 8, columns a multiple of 8) on
    /// <see cref="GemmPath.Vector128MultiplyAdd"/>: each 8-column group of B (8 KB at a 256-deep k-block, in L1) passes
    /// under every row, four rows at a time. Per element the chain is <c>c ← RN(c + RN(a·b))</c> in increasing k.
    /// </summary>
    private static unsafe void MultiplyAddTile(float* a, nint ars, nint acs, float* b, nint ldb, float* c, nint ldc, int kc,
        int rows, int columns, bool load)
    {
        for (int q = 0; q < columns; q += MultiplyAddColumns)
        {
            for (int r = 0; r < rows; r += MultiplyAddRows)
            {
                Kernel4x8MultiplyAdd(a + r * ars, ars, acs, b + q, ldb, c + r * ldc + q, ldc, kc,
                    Math.Min(MultiplyAddRows, rows - r), load);
            }
        }
    }

    /// <summary>
    /// Up to 4 rows × 8 columns: 8 accumulators, 2 of B, the broadcast of A and the product fit SSE's 16 registers with
    /// room for the two-operand encoding's copies. A multiply and an add are two independent ports on every x86 core, so
    /// the 8 chains (4-cycle add latency) keep both busy. Rows past <paramref name="rows"/> repeat the last valid row
    /// and are not stored.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Kernel4x8MultiplyAdd(float* a, nint ars, nint acs, float* b, nint ldb, float* c, nint ldc,
        int kc, int rows, bool load)
    {
        nint o1 = Math.Min(1, rows - 1) * ars, o2 = Math.Min(2, rows - 1) * ars, o3 = Math.Min(3, rows - 1) * ars;
        nint l1 = Math.Min(1, rows - 1) * ldc, l2 = Math.Min(2, rows - 1) * ldc, l3 = Math.Min(3, rows - 1) * ldc;
        Vector128<float> c00, c01, c10, c11, c20, c21, c30, c31;
        if (load)
        {
            c00 = Vector128.Load(c); c01 = Vector128.Load(c + 4);
            c10 = Vector128.Load(c + l1); c11 = Vector128.Load(c + l1 + 4);
            c20 = Vector128.Load(c + l2); c21 = Vector128.Load(c + l2 + 4);
            c30 = Vector128.Load(c + l3); c31 = Vector128.Load(c + l3 + 4);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector128<float>.Zero;
        }
        for (int p = 0; p < kc; p++)
        {
            Vector128<float> b0 = Vector128.Load(b);
            Vector128<float> b1 = Vector128.Load(b + 4);
            Vector128<float> x;
            // .NET never contracts a·b + c into an fma, so each line is two roundings on every processor.
            x = Vector128.Create(a[0]); c00 += x * b0; c01 += x * b1;
            x = Vector128.Create(a[o1]); c10 += x * b0; c11 += x * b1;
            x = Vector128.Create(a[o2]); c20 += x * b0; c21 += x * b1;
            x = Vector128.Create(a[o3]); c30 += x * b0; c31 += x * b1;
            a += acs;
            b += ldb;
        }
        if (rows > 3) { c30.Store(c + l3); c31.Store(c + l3 + 4); }
        if (rows > 2) { c20.Store(c + l2); c21.Store(c + l2 + 4); }
        if (rows > 1) { c10.Store(c + l1); c11.Store(c + l1 + 4); }
        c00.Store(c); c01.Store(c + 4);
    }
}
