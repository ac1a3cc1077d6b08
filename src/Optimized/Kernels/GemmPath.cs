namespace Verification.Optimized;

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
