namespace Verification.Optimized;

/// <summary>
/// Which product kernel runs: AVX-512 12×32 and 8×32 tiles, AVX2 6×16 tiles, 128-bit 8×8 tiles (with a hardware fma or,
/// on x86 without FMA, its exact emulation), or scalar loops.
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
}
