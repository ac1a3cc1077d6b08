using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verification.Optimized;

// Gemm by role: the 128-bit tile for x86 without an FMA unit, the same fma chain per element through ExactFma.

public static partial class Gemm
{
    /// <summary>Rows of the emulated-fma micro-kernel: 3 rows × 4 columns = 6 accumulators of two doubles.</summary>
    private const int EmulatedRows = 3;

    /// <summary>Columns of the emulated-fma micro-kernel: one Vector128 of floats, two of doubles.</summary>
    private const int EmulatedColumns = 4;

    /// <summary>
    /// A <paramref name="rows"/> × <paramref name="columns"/> tile (rows ≤ 8, columns a multiple of 4) on
    /// <see cref="GemmPath.Vector128EmulatedFma"/>. A's rows and each 4-column group of B are widened to double once per
    /// k-block, so the micro-kernel's inner loop is a multiply, an add, the round trip to float and the check of
    /// <see cref="ExactFma.Suspect"/> per four elements; every step is rounded to float, so the chain is the fused one.
    /// </summary>
    [SkipLocalsInit]
    private static unsafe void EmulatedFmaTile(float* a, nint ars, nint acs, float* b, nint ldb, float* c, nint ldc, int kc,
        int rows, int columns, bool load)
    {
        double* wideA = stackalloc double[TileRows * KBlock];
        double* wideB = stackalloc double[KBlock * EmulatedColumns];
        for (int r = 0; r < rows; r++)
        {
            float* row = a + r * ars;
            double* wide = wideA + r * kc;
            for (int p = 0; p < kc; p++)
            {
                wide[p] = row[p * acs];
            }
        }
        for (int q = 0; q < columns; q += EmulatedColumns)
        {
            for (int p = 0; p < kc; p++)
            {
                Vector128<float> v = Vector128.Load(b + p * ldb + q);
                Sse2.ConvertToVector128Double(v).Store(wideB + p * EmulatedColumns);
                Sse2.ConvertToVector128Double(Sse.MoveHighToLow(v, v)).Store(wideB + p * EmulatedColumns + 2);
            }
            for (int r = 0; r < rows; r += EmulatedRows)
            {
                EmulatedKernel3x4(wideA + r * kc, kc, wideB, c + r * ldc + q, ldc, kc, Math.Min(EmulatedRows, rows - r), load);
            }
        }
    }

    /// <summary>
    /// Up to 3 rows × 4 columns: 6 accumulators, 2 of B, 1 broadcast of A and the flags leave 6 of SSE's 16 registers for the
    /// step's temporaries and constants. The chain runs in ≈ 14 cycles of latency per step (add, two conversions), so 6
    /// independent accumulators keep the ports busy. Rows past <paramref name="rows"/> repeat the last valid row and are
    /// not stored. If any step was suspect, the whole micro-tile is recomputed from C with the library's fma.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void EmulatedKernel3x4(double* a, nint lda, double* b, float* c, nint ldc, int kc, int rows, bool load)
    {
        nint a1 = Math.Min(1, rows - 1) * lda, a2 = Math.Min(2, rows - 1) * lda;
        nint l1 = Math.Min(1, rows - 1) * ldc, l2 = Math.Min(2, rows - 1) * ldc;
        Vector128<double> c00, c01, c10, c11, c20, c21;
        if (load)
        {
            (c00, c01) = Widen(c);
            (c10, c11) = Widen(c + l1);
            (c20, c21) = Widen(c + l2);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = Vector128<double>.Zero;
        }
        Vector128<int> flags = Vector128<int>.Zero;
        for (int p = 0; p < kc; p++)
        {
            Vector128<double> b0 = Vector128.Load(b);
            Vector128<double> b1 = Vector128.Load(b + 2);
            Vector128<double> x = Sse3.LoadAndDuplicateToVector128(a + p);
            Step(x, b0, b1, ref c00, ref c01, ref flags);
            x = Sse3.LoadAndDuplicateToVector128(a + a1 + p);
            Step(x, b0, b1, ref c10, ref c11, ref flags);
            x = Sse3.LoadAndDuplicateToVector128(a + a2 + p);
            Step(x, b0, b1, ref c20, ref c21, ref flags);
            b += EmulatedColumns;
        }
        b -= (nint)kc * EmulatedColumns;
        if (flags != Vector128<int>.Zero)
        {
            FusedMicroTile(a, lda, b, c, ldc, kc, rows, load);
            return;
        }
        if (rows > 2) Narrow(c20, c21).Store(c + l2);
        if (rows > 1) Narrow(c10, c11).Store(c + l1);
        Narrow(c00, c01).Store(c);
    }

    /// <summary>One k step of a row's four chains: <c>c ← (double)(float)(x·b + c)</c>, suspect lanes added to the flags.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(Vector128<double> x, Vector128<double> b0, Vector128<double> b1, ref Vector128<double> c0,
        ref Vector128<double> c1, ref Vector128<int> flags)
    {
        Vector128<double> s0 = ExactFma.Sum(x, b0, c0), s1 = ExactFma.Sum(x, b1, c1);
        Vector128<float> r0 = Sse2.ConvertToVector128Single(s0), r1 = Sse2.ConvertToVector128Single(s1);
        flags |= ExactFma.Suspect(s0, s1, Sse.MoveLowToHigh(r0, r1));
        c0 = Sse2.ConvertToVector128Double(r0);
        c1 = Sse2.ConvertToVector128Double(r1);
    }

    private static unsafe (Vector128<double> Low, Vector128<double> High) Widen(float* c)
    {
        Vector128<float> v = Vector128.Load(c);
        return (Sse2.ConvertToVector128Double(v), Sse2.ConvertToVector128Double(Sse.MoveHighToLow(v, v)));
    }

    private static Vector128<float> Narrow(Vector128<double> low, Vector128<double> high) =>
        Sse.MoveLowToHigh(Sse2.ConvertToVector128Single(low), Sse2.ConvertToVector128Single(high));

    /// <summary>The micro-tile's chains again, one fused multiply-add at a time, from C as it was (rare: see <see cref="ExactFma"/>).</summary>
    private static unsafe void FusedMicroTile(double* a, nint lda, double* b, float* c, nint ldc, int kc, int rows, bool load)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < EmulatedColumns; j++)
            {
                float sum = load ? c[r * ldc + j] : 0f;
                for (int p = 0; p < kc; p++)
                {
                    sum = MathF.FusedMultiplyAdd((float)a[r * lda + p], (float)b[p * EmulatedColumns + j], sum);
                }
                c[r * ldc + j] = sum;
            }
        }
    }
}
