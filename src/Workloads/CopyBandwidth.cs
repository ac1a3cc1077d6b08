using System.Diagnostics;

namespace Verification.Workloads;

/// <summary>
/// This machine's memory bandwidth, measured as a copy of a buffer far larger than the caches (256 MiB by default; today's
/// largest last-level caches hold 32–96 MiB): bytes read + written per second, so a streaming kernel that reads n bytes
/// and writes n bytes compares with it directly. On several threads each copies its own contiguous share. The best of
/// repeated copies (a limit is the best the machine does).
/// </summary>
public static class CopyBandwidth
{
    /// <summary>The default buffer: 256 MiB.</summary>
    public const int DefaultBytes = 256 << 20;

    /// <summary>GB/s (10⁹ bytes read + written per second) copying <paramref name="bytes"/> bytes on <paramref name="threads"/> threads,
    /// the best of repeated copies within about <paramref name="seconds"/> (at least three).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is below 1 or <paramref name="seconds"/> is not positive.</exception>
    public static double MeasureGBs(int threads, double seconds, int bytes = DefaultBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        if (!(seconds > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "seconds must be positive.");
        }
        byte[] source = GC.AllocateUninitializedArray<byte>(bytes), destination = GC.AllocateUninitializedArray<byte>(bytes);
        // Touch every page of both buffers first, so the first timed copy does not pay for page faults.
        source.AsSpan().Fill(1);
        source.AsSpan().CopyTo(destination);
        double best = 0;
        var budget = Stopwatch.StartNew();
        for (int run = 0; run < 3 || budget.Elapsed.TotalSeconds < seconds; run++)
        {
            long start = Stopwatch.GetTimestamp();
            if (threads == 1)
            {
                source.AsSpan().CopyTo(destination);
            }
            else
            {
                Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
                {
                    long from = (long)bytes * part / threads, to = (long)bytes * (part + 1) / threads;
                    source.AsSpan((int)from, (int)(to - from)).CopyTo(destination.AsSpan((int)from));
                });
            }
            best = Math.Max(best, 2.0 * bytes / Stopwatch.GetElapsedTime(start).TotalSeconds / 1e9);
        }
        return best;
    }
}
