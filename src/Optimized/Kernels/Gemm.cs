using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Verification.Optimized;

/// <summary>
/// Single-precision matrix products for Linear's three products, one kernel for all of them:
/// <c>C (M, N) = A (M, K) · B (K, N)</c> (or <c>C += …</c>), where B and C are row-major and A is read through
/// strides, so <c>A = G</c> (row-major), <c>A = Gᵀ</c> (G stored (K, M)) and <c>B = Wᵀ</c> (a transposed copy) all fit.
/// <para>
/// Every element is one fused multiply-add chain in increasing k, started from 0 or from C:
/// <c>c ← fma(a[i,k], b[k,j], c)</c>. The vector kernels (register tiles of Vector512, Vector256 or Vector128 FMAs
/// over blocks of 256 k, <see cref="GemmPath"/>) and the scalar path compute exactly that chain, so they agree bit for
/// bit with each other, with any
/// split of the work across threads, and with the naive product up to float rounding of the chain. The one exception,
/// x86 without an FMA unit, multiplies and adds in two roundings per step (<see cref="GemmPath.Vector128MultiplyAdd"/>,
/// the same order; equal bit for bit to the scalar loop <c>c += a·b</c>).
/// </para>
/// <para>
/// One class in files by role: this one (the constants and the public entry points), Gemm.Packing.cs (transposes,
/// padding and packing of B), Gemm.Tiles.cs (the 512-bit and AVX2 8×16 register tiles), Gemm.NarrowTiles.cs (the AVX2
/// 6×16 and the 128-bit 8×8 tiles), Gemm.EmulatedFmaTile.cs and Gemm.MultiplyAddTile.cs (the two 128-bit tiles for x86
/// without FMA), Gemm.Avx2Panels.cs (the AVX2 path over packed panels of A and B), Gemm.PackA.cs
/// (A into those panels) and Gemm.Job.cs
/// (the product cut into pieces for the helper thread).
/// </para>
/// </summary>
public static partial class Gemm
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

    /// <summary>Columns of the narrow tile: one Vector512 (or two Vector256) of floats.</summary>
    public const int NarrowColumns = 16;

    /// <summary>Most pieces one product is cut into.</summary>
    public const int MaxPieces = 8;

    /// <summary>
    /// The best kernel this processor accelerates: what <see cref="Path"/> is on a thread that has not set it. The 128-bit
    /// tile needs a fused multiply-add in hardware (x86 FMA, Arm64 NEON); x86 without it (.NET 10's
    /// <c>DOTNET_EnableAVX2=0</c> switches FMA off with AVX2) multiplies and adds separately
    /// (<see cref="GemmPath.Vector128MultiplyAdd"/>): the exact emulation of the fma (<see cref="GemmPath.Vector128EmulatedFma"/>)
    /// gives the other paths' bits but cannot reach more than about 2.3× the Reference (docs/performance.md), and a
    /// matrix product's bits are not PyTorch's on any path (its kernels sum in another order), so speed wins here; a
    /// thread that needs the fused bits sets <see cref="Path"/>.
    /// </summary>
    public static GemmPath HardwarePath { get; } =
        Vector512.IsHardwareAccelerated ? GemmPath.Vector512
        : Vector256.IsHardwareAccelerated ? GemmPath.Vector256
        : Vector128.IsHardwareAccelerated && (Fma.IsSupported || AdvSimd.IsSupported) ? GemmPath.Vector128
        : Vector128.IsHardwareAccelerated && ExactFma.CanEmulate ? GemmPath.Vector128MultiplyAdd
        : GemmPath.Scalar;

    [ThreadStatic] private static GemmPath? _pathOnThisThread;

    /// <summary>
    /// The kernel products started on the calling thread use (the helper thread runs the caller's): <see cref="HardwarePath"/>
    /// unless this thread set another. Every path but <see cref="GemmPath.Vector128MultiplyAdd"/> computes the same fma
    /// chain per element, so switching among them changes speed, never results (the tests compare all of them); being
    /// per thread, a test's switch never reaches another test.
    /// </summary>
    public static GemmPath Path
    {
        get => _pathOnThisThread ?? HardwarePath;
        set => _pathOnThisThread = value;
    }

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
    public static void MultiplyNT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate,
        Span<float> transposedB)
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
        // A is packed once per product (the pieces all read it): rows of A lie K floats apart, its columns M apart in the
        // ∂W product, and at 1024 both strides put every row in the same few L1 sets.
        int panelRows = PackedPanelRows(n, aRowStride, aColStride);
        float[]? packedA = panelRows > 0 ? PackedABuffer((long)(m + panelRows - 1) / panelRows * panelRows * k) : null;
        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        fixed (float* pp = padded)
        fixed (float* ppa = packedA)
        {
            bool shared = (long)m * n * k >= ParallelThreshold && Parallelism.MaxDegreeOfParallelism > 1;
            if (ppa != null)
            {
                // Both threads pack when they share the product (each piece its own panels): on the caller alone, before
                // the pieces start, the packing (3–5% of a 256×1024×1024 product on one thread) kept the helper idle.
                var packing = PackAJob.ForThisThread;
                packing.Set(pa, aRowStride, aColStride, m, k, ppa, panelRows);
                if (shared)
                {
                    HelperThread.Run(packing);
                }
                else
                {
                    for (int piece = 0; piece < packing.Pieces; piece++)
                    {
                        packing.Execute(piece);
                    }
                }
            }
            var job = GemmJob.ForThisThread;
            job.Set(pa, aRowStride, aColStride, pb, pc, m, k, n, accumulate, Path);
            job.SetPadded(pp, paddedWidth);
            job.SetBTransposed(bTransposed);
            job.SetPackedA(ppa, panelRows);
            if (shared)
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
}
