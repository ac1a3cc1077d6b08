using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verification.Optimized;

// Gemm by role: A packed into panels (6 rows for the AVX2 tile, Gemm.Avx2Panels.cs; 12 for the 512-bit tile's ∂W product,
// Gemm.Job.cs), cut into pieces of panels so both threads pack when the product is shared.

public static partial class Gemm
{
    /// <summary>
    /// Packs panels [<paramref name="firstPanel"/>, <paramref name="endPanel"/>) of A (M, K), read through its strides, in
    /// every k-block of <see cref="KBlock"/>: with h = <paramref name="height"/> rows per panel, block <c>k0</c> starts at
    /// <c>k0·Mp</c> (Mp = M rounded up to h) and holds the panels one after another, panel t as
    /// <c>dst[t·h·kc + p·h + r] = A[h·t + r, k0 + p]</c>. Rows past M are zero (their results are never stored). Panels
    /// are disjoint, so pieces of them may be packed on different threads.
    /// </summary>
    private static unsafe void PackAPanels(float* a, nint ars, nint acs, int m, int k, float* dst, int height, int firstPanel,
        int endPanel)
    {
        int panels = (m + height - 1) / height;
        int wholeEnd = Math.Min(endPanel, m / height);
        for (int k0 = 0; k0 < k; k0 += KBlock)
        {
            int kc = Math.Min(KBlock, k - k0);
            float* block = dst + (nint)k0 * panels * height;
            int t = firstPanel;
            if (acs == 1 && height == Avx2TileRows && Avx.IsSupported)
            {
                for (; t < wholeEnd; t++)
                {
                    PackRowMajorPanel(a + (nint)t * height * ars + k0, ars, kc, block + (nint)t * height * kc);
                }
            }
            else if (ars == 1 && t < wholeEnd)
            {
                // A stored transposed (the ∂W product): k step p's values of every panel lie side by side in one row of
                // the stored matrix, read here from left to right; panel by panel it would be one line per k step, all
                // M floats apart and so all in the same few L1 sets.
                for (int p = 0; p < kc; p++)
                {
                    float* from = a + (nint)(k0 + p) * acs + (nint)t * height;
                    float* to = block + (nint)t * height * kc + p * height;
                    for (int u = t; u < wholeEnd; u++)
                    {
                        Vector128.Store(Vector128.Load(from), to);
                        if (height == WideTileRows)
                        {
                            Vector256.Store(Vector256.Load(from + 4), to + 4);
                        }
                        else
                        {
                            *(long*)(to + 4) = *(long*)(from + 4);
                        }
                        from += height;
                        to += height * kc;
                    }
                }
                t = wholeEnd;
            }
            for (; t < endPanel; t++)
            {
                float* panel = block + (nint)t * height * kc;
                float* source = a + (nint)t * height * ars + (nint)k0 * acs;
                int rows = Math.Min(height, m - t * height);
                for (int p = 0; p < kc; p++)
                {
                    float* from = source + p * acs;
                    float* to = panel + p * height;
                    for (int r = 0; r < height; r++)
                    {
                        to[r] = r < rows ? from[r * ars] : 0f;
                    }
                }
            }
        }
    }

    /// <summary>Six rows of a row-major A into one panel: 6×8 register transposes stored straight into the panel.</summary>
    private static unsafe void PackRowMajorPanel(float* source, nint ars, int kc, float* panel)
    {
        int p = 0;
        for (; p + 8 <= kc; p += 8)
        {
            Transpose6x8(source + p, ars, panel + p * Avx2TileRows);
        }
        for (; p < kc; p++)
        {
            for (int r = 0; r < Avx2TileRows; r++)
            {
                panel[p * Avx2TileRows + r] = source[r * ars + p];
            }
        }
    }

    /// <summary>
    /// <c>dst[q·6 + r] = src[r·ls + q]</c> for r &lt; 6, q &lt; 8: 48 floats. Each column q leaves the transpose as 8 lanes, the
    /// last two of them rows 4 and 5 again; they are stored whole in increasing q, so the next column overwrites the two
    /// extra lanes, and the last column stores only its six.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Transpose6x8(float* src, nint ls, float* dst)
    {
        Vector256<float> r0 = Avx.LoadVector256(src), r1 = Avx.LoadVector256(src + ls);
        Vector256<float> r2 = Avx.LoadVector256(src + 2 * ls), r3 = Avx.LoadVector256(src + 3 * ls);
        Vector256<float> r4 = Avx.LoadVector256(src + 4 * ls), r5 = Avx.LoadVector256(src + 5 * ls);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
        Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
        Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t4, 0x44), u5 = Avx.Shuffle(t4, t4, 0xEE);
        Vector256<float> u6 = Avx.Shuffle(t5, t5, 0x44), u7 = Avx.Shuffle(t5, t5, 0xEE);
        Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(dst + 6, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(dst + 12, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(dst + 18, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(dst + 24, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(dst + 30, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(dst + 36, Avx.Permute2x128(u2, u6, 0x31));
        Vector256<float> last = Avx.Permute2x128(u3, u7, 0x31);
        Vector128.Store(last.GetLower(), dst + 42);
        *(long*)(dst + 46) = last.GetUpper().AsInt64().ToScalar();
    }

    /// <summary>The packing of A cut into pieces of whole panels, for the helper thread to share.</summary>
    private sealed unsafe class PackAJob : IPiecewiseJob
    {
        [ThreadStatic] private static PackAJob? _forThisThread;
        private float* _a, _dst;
        private nint _ars, _acs;
        private int _m, _k, _height;

        public static PackAJob ForThisThread => _forThisThread ??= new PackAJob();

        public void Set(float* a, nint ars, nint acs, int m, int k, float* dst, int height)
        {
            _a = a;
            _dst = dst;
            (_ars, _acs, _m, _k, _height) = (ars, acs, m, k, height);
        }

        private int Panels => (_m + _height - 1) / _height;

        public int Pieces => Math.Min(MaxPieces, Panels);

        public void Execute(int piece)
        {
            int pieces = Pieces;
            PackAPanels(_a, _ars, _acs, _m, _k, _dst, _height, Panels * piece / pieces, Panels * (piece + 1) / pieces);
        }
    }
}
