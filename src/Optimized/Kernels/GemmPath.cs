namespace Verification.Optimized;

/// <summary>
/// Which product kernel runs: AVX-512 12×32 and 8×32 tiles, AVX2 6×16 tiles, 128-bit 8×8 tiles with a hardware fma, on
/// x86 without FMA 128-bit 4×8 tiles of a multiply and an add (or, chosen per thread, an exact emulation of the fma), or
/// scalar loops. Every path but <see cref="Vector128MultiplyAdd"/> computes the same fused chain, bit for bit.
/// </summary>
public enum GemmPath
{
    /// <summary>Scalar fused multiply-adds, one element at a time.</summary>
    Scalar,

    /// <summary>
    /// 6×16 Vector256 tiles over packed 6-row panels of A and 16-column panels of B (products with N ≥ 64); narrower
    /// products run 6×16 and 8×16 tiles over each half of a 32-column strip.
    /// </summary>
    Vector256,

    /// <summary>One 8×32 Vector512 tile.</summary>
    Vector512,

    /// <summary>Four 8×8 Vector128 tiles per 8×32 tile (SSE, Arm64 NEON).</summary>
    Vector128,

    /// <summary>
    /// 3×4 micro-tiles of doubles on SSE3 without FMA (x86 at <c>DOTNET_EnableAVX2=0</c>): each fma of the chain is
    /// <see cref="ExactFma"/>'s double sum rounded to float, so results equal the other paths' bit for bit.
    /// </summary>
    Vector128EmulatedFma,

    /// <summary>
    /// 4×8 Vector128 tiles of a multiply and then an add (two roundings per step, as the Reference's <c>sum += a·b</c> and
    /// as PyTorch's kernels on processors without FMA): x86 at <c>DOTNET_EnableAVX2=0</c>. About 10× faster than
    /// <see cref="Vector128EmulatedFma"/>, and within the same error bound of the exact product, but not equal to the
    /// fused chain's bits.
    /// </summary>
    Vector128MultiplyAdd,
}
