using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Verification.Workloads;

/// <summary>
/// This machine's float32 multiply-add peak, measured: a loop of register-only fused multiply-adds on the widest accelerated
/// vector (<see cref="InstructionSetLevel.Current"/>), on one thread or on several at once. Each iteration runs
/// <see cref="Chains"/> independent accumulators, so the processor can issue a new FMA every cycle on each of its FMA ports
/// despite each one's latency: current x86 and Arm cores need latency × ports ≈ 4 × 2 = 8 chains in flight, and 12 leave
/// room (12 accumulators and 2 constants fit the 16 registers of AVX2 and SSE). Peak = 2 flops × lanes × chains per
/// iteration ÷ time, the best of repeated runs (a limit is the best the machine does, not its typical run).
/// </summary>
public static class FmaPeak
{
    /// <summary>Independent accumulator chains per loop iteration.</summary>
    public const int Chains = 12;

    /// <summary>
    /// Whether the processor fuses multiply and add in hardware at the current level. On x86, .NET 10 switches FMA off with
    /// AVX2 (<c>DOTNET_EnableAVX2=0</c>), and a vector FusedMultiplyAdd then runs as a per-lane software emulation a hundred
    /// times slower: the roof of that level is the separate multiply and add its kernels can run.
    /// </summary>
    public static bool HardwareFma => Fma.IsSupported || AdvSimd.IsSupported;

    /// <summary>Float lanes of one FMA at the current level (1 when scalar).</summary>
    public static int Lanes =>
        Vector512.IsHardwareAccelerated ? Vector512<float>.Count
        : Vector256.IsHardwareAccelerated ? Vector256<float>.Count
        : Vector128.IsHardwareAccelerated ? Vector128<float>.Count
        : 1;

    /// <summary>
    /// GFLOP/s of <paramref name="threads"/> threads running the FMA loop at once, the best of repeated runs within about
    /// <paramref name="seconds"/> (at least three runs).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> is below 1 or <paramref name="seconds"/> is not
    /// positive.</exception>
    public static double MeasureGflops(int threads, double seconds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        if (!(seconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "seconds must be positive.");
        }
        // Grow the run until it lasts a few milliseconds, so thread start-up and timer resolution are small beside it.
        long iterations = 1 << 12;
        while (Time(1, iterations) < Math.Min(0.005, seconds / 8) && iterations < (1L << 40))
        {
            iterations *= 2;
        }
        double flopsPerRun = 2.0 * Lanes * Chains * iterations * threads;
        double best = 0;
        var budget = Stopwatch.StartNew();
        for (int run = 0; run < 3 || budget.Elapsed.TotalSeconds < seconds; run++)
        {
            best = Math.Max(best, flopsPerRun / Time(threads, iterations) / 1e9);
        }
        return best;
    }

    private static double Time(int threads, long iterations)
    {
        long start = Stopwatch.GetTimestamp();
        if (threads == 1)
        {
            Sink(Loop(iterations));
        }
        else
        {
            Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => Sink(Loop(iterations)));
        }
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>
    /// One run of the register-only loop on the current level's widest vector: 2 × <see cref="Lanes"/> × <see cref="Chains"/>
    /// flops per iteration (for callers that time it by their own clock, such as thread CPU time).
    /// </summary>
    public static float Loop(long iterations) =>
        Vector512.IsHardwareAccelerated ? Loop512(iterations)
        : Vector256.IsHardwareAccelerated ? Loop256(iterations)
        : Vector128.IsHardwareAccelerated ? Loop128(iterations)
        : LoopScalar(iterations);

    // The result is kept so the JIT cannot drop the loop; acc·a + b with a < 1 converges to b/(1 − a) = 10: no overflow or
    // denormals, whose slow paths would not measure the FMA units.
    private static volatile float _sink;

    private static void Sink(float value) => _sink = value;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Loop512(long iterations)
    {
        Vector512<float> a = Vector512.Create(0.999f), b = Vector512.Create(0.01f);
        Vector512<float> c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b, c8 = b, c9 = b, c10 = b, c11 = b;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector512.FusedMultiplyAdd(c0, a, b); c1 = Vector512.FusedMultiplyAdd(c1, a, b);
            c2 = Vector512.FusedMultiplyAdd(c2, a, b); c3 = Vector512.FusedMultiplyAdd(c3, a, b);
            c4 = Vector512.FusedMultiplyAdd(c4, a, b); c5 = Vector512.FusedMultiplyAdd(c5, a, b);
            c6 = Vector512.FusedMultiplyAdd(c6, a, b); c7 = Vector512.FusedMultiplyAdd(c7, a, b);
            c8 = Vector512.FusedMultiplyAdd(c8, a, b); c9 = Vector512.FusedMultiplyAdd(c9, a, b);
            c10 = Vector512.FusedMultiplyAdd(c10, a, b); c11 = Vector512.FusedMultiplyAdd(c11, a, b);
        }
        return Vector512.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Loop256(long iterations)
    {
        Vector256<float> a = Vector256.Create(0.999f), b = Vector256.Create(0.01f);
        Vector256<float> c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b, c8 = b, c9 = b, c10 = b, c11 = b;
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector256.FusedMultiplyAdd(c0, a, b); c1 = Vector256.FusedMultiplyAdd(c1, a, b);
            c2 = Vector256.FusedMultiplyAdd(c2, a, b); c3 = Vector256.FusedMultiplyAdd(c3, a, b);
            c4 = Vector256.FusedMultiplyAdd(c4, a, b); c5 = Vector256.FusedMultiplyAdd(c5, a, b);
            c6 = Vector256.FusedMultiplyAdd(c6, a, b); c7 = Vector256.FusedMultiplyAdd(c7, a, b);
            c8 = Vector256.FusedMultiplyAdd(c8, a, b); c9 = Vector256.FusedMultiplyAdd(c9, a, b);
            c10 = Vector256.FusedMultiplyAdd(c10, a, b); c11 = Vector256.FusedMultiplyAdd(c11, a, b);
        }
        return Vector256.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Loop128(long iterations)
    {
        Vector128<float> a = Vector128.Create(0.999f), b = Vector128.Create(0.01f);
        Vector128<float> c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b, c8 = b, c9 = b, c10 = b, c11 = b;
        if (!HardwareFma)
        {
            return Loop128Unfused(iterations);
        }
        for (long i = 0; i < iterations; i++)
        {
            c0 = Vector128.FusedMultiplyAdd(c0, a, b); c1 = Vector128.FusedMultiplyAdd(c1, a, b);
            c2 = Vector128.FusedMultiplyAdd(c2, a, b); c3 = Vector128.FusedMultiplyAdd(c3, a, b);
            c4 = Vector128.FusedMultiplyAdd(c4, a, b); c5 = Vector128.FusedMultiplyAdd(c5, a, b);
            c6 = Vector128.FusedMultiplyAdd(c6, a, b); c7 = Vector128.FusedMultiplyAdd(c7, a, b);
            c8 = Vector128.FusedMultiplyAdd(c8, a, b); c9 = Vector128.FusedMultiplyAdd(c9, a, b);
            c10 = Vector128.FusedMultiplyAdd(c10, a, b); c11 = Vector128.FusedMultiplyAdd(c11, a, b);
        }
        return Vector128.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Loop128Unfused(long iterations)
    {
        Vector128<float> a = Vector128.Create(0.999f), b = Vector128.Create(0.01f);
        Vector128<float> c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b, c8 = b, c9 = b, c10 = b, c11 = b;
        for (long i = 0; i < iterations; i++)
        {
            c0 = c0 * a + b; c1 = c1 * a + b; c2 = c2 * a + b; c3 = c3 * a + b; c4 = c4 * a + b; c5 = c5 * a + b;
            c6 = c6 * a + b; c7 = c7 * a + b; c8 = c8 * a + b; c9 = c9 * a + b; c10 = c10 * a + b; c11 = c11 * a + b;
        }
        return Vector128.Sum(c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11);
    }

    // Without hardware intrinsics the JIT emits a separate multiply and add (MathF.FusedMultiplyAdd would become a library
    // call): 2 flops either way, which is what the scalar kernels run.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float LoopScalar(long iterations)
    {
        const float a = 0.999f, b = 0.01f;
        float c0 = b, c1 = b, c2 = b, c3 = b, c4 = b, c5 = b, c6 = b, c7 = b, c8 = b, c9 = b, c10 = b, c11 = b;
        for (long i = 0; i < iterations; i++)
        {
            c0 = c0 * a + b; c1 = c1 * a + b; c2 = c2 * a + b; c3 = c3 * a + b; c4 = c4 * a + b; c5 = c5 * a + b;
            c6 = c6 * a + b; c7 = c7 * a + b; c8 = c8 * a + b; c9 = c9 * a + b; c10 = c10 * a + b; c11 = c11 * a + b;
        }
        return c0 + c1 + c2 + c3 + c4 + c5 + c6 + c7 + c8 + c9 + c10 + c11;
    }
}
