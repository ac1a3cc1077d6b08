using System.Runtime.Intrinsics;

namespace Verification.Workloads;

/// <summary>
/// The widest vectors the runtime accelerates on this machine and with this process's settings, as the Optimized
/// kernels see it: <c>avx512</c> (Vector512), <c>avx2</c> (Vector256, as on AVX2-only x86), <c>vector128</c> (SSE or
/// Arm64 NEON) or <c>scalar</c>. The lower levels are reached on a wider machine with .NET's switches:
/// <c>DOTNET_EnableAVX512=0</c> (.NET 10; <c>DOTNET_EnableAVX512F=0</c> is no longer read), <c>DOTNET_EnableAVX2=0</c>
/// and <c>DOTNET_EnableHWIntrinsic=0</c>.
/// </summary>
public static class InstructionSetLevel
{
    /// <summary>Every level, widest first.</summary>
    public static IReadOnlyList<string> Names { get; } = ["avx512", "avx2", "vector128", "scalar"];

    /// <summary>The level this process runs at.</summary>
    public static string Current =>
        Vector512.IsHardwareAccelerated ? "avx512"
        : Vector256.IsHardwareAccelerated ? "avx2"
        : Vector128.IsHardwareAccelerated ? "vector128"
        : "scalar";

    /// <summary>One line for logs: the level, each vector width's state and the core count.</summary>
    public static string Describe() =>
        $"instruction-set level {Current} (Vector512 {Yes(Vector512.IsHardwareAccelerated)}, " +
        $"Vector256 {Yes(Vector256.IsHardwareAccelerated)}, Vector128 {Yes(Vector128.IsHardwareAccelerated)}; " +
        $"{Environment.ProcessorCount} logical cores)";

    private static string Yes(bool accelerated) => accelerated ? "accelerated" : "not accelerated";
}
