using System.Diagnostics;

namespace Verification.Workloads;

/// <summary>
/// This machine's memory bandwidth, measured as a copy of a buffer far larger than the caches (256 MiB by default; today's
/// largest last-level caches hold 32–96 MiB): bytes read + written per second, so a streaming kernel that reads n bytes
/// and writes n bytes compares with it directly. On several threads each copies its own contiguous share. The best of
/// repeated copies (a limit is the best the machine does), alternating the ordinary copy (<c>Span.CopyTo</c>, whose stores
/// may first read each destination line) with <see cref="StreamingCopy"/>'s non-temporal stores, which a kernel that
/// streams its output can reach.
/// </summary>
public static class CopyBandwidth
{
    /// <summary>The default buffer: 256 MiB.</summary>
    public const int DefaultBytes = 256 << 20;

    /// <summary>GB/s (10⁹ bytes read + written per second) copying <paramref name="bytes"/> bytes on <paramref name="threads"/> threads,
    /// the best of repeated copies within about <paramref name="seconds"/> (at least four, two of each kind).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1 or <paramref name="seconds"/> is not positive.</exception>
    public static double MeasureGBs(int threads, double seconds, int bytes = DefaultBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        if (!(seconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "seconds must be positive.");
        }
        int floats = Math.Max(1, bytes / sizeof(float));
        bytes = floats * sizeof(float);
        float[] source = GC.AllocateUninitializedArray<float>(floats), destination = GC.AllocateUninitializedArray<float>(floats);
        // Touch every page of both buffers first, so the first timed copy does not pay for page faults.
        source.AsSpan().Fill(1);
        source.AsSpan().CopyTo(destination);
        double best = 0;
        var budget = Stopwatch.StartNew();
        for (int run = 0; run < 4 || budget.Elapsed.TotalSeconds < seconds; run++)
        {
            bool streaming = run % 2 == 1;
            long start = Stopwatch.GetTimestamp();
            if (threads == 1)
            {
                CopyPart(source, destination, 0, floats, streaming);
            }
            else
            {
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
                    CopyPart(source, destination, (int)((long)floats * part / threads), (int)((long)floats * (part + 1) / threads), streaming));
            }
            best = Math.Max(best, 2.0 * bytes / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e9);
        }
        return best;
    }

    private static void CopyPart(float[] source, float[] destination, int from, int to, bool streaming)
    {
        if (streaming)
        {
            StreamingCopy.Copy(source.AsSpan(from, to - from), destination.AsSpan(from));
        }
        else
        {
            source.AsSpan(from, to - from).CopyTo(destination.AsSpan(from));
        }
    }
}
