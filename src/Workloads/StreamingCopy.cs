using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Verification.Workloads;

/// <summary>
/// A copy whose stores bypass the caches (non-temporal stores at the widest accelerated width), for the copy-bandwidth
/// calibration. An ordinary store first reads its destination line into the cache (read-for-ownership), so an ordinary
/// copy of n bytes moves about 3n; a streaming one moves 2n. Kernels that stream their output (Dropout2d's planes,
/// TensorPrimitives above 256 KiB) are therefore compared with the faster of the two copies, not with the slower.
/// </summary>
public static class StreamingCopy
{
    /// <summary>Floats per store at the widest accelerated width: 16, 8 or 4, or 0 where no vector is accelerated.</summary>
    public static int WidestLanes { get; } =
        Vector512.IsHardwareAccelerated ? 16 : Vector256.IsHardwareAccelerated ? 8 : Vector128.IsHardwareAccelerated ? 4 : 0;

    /// <summary>Copies <paramref name="source"/> into the start of <paramref name="destination"/> at the widest width.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    public static void Copy(ReadOnlySpan<float> source, Span<float> destination) => Copy(source, destination, WidestLanes);

    /// <summary>
    /// Copies <paramref name="source"/> into the start of <paramref name="destination"/> with stores of
    /// <paramref name="lanes"/> floats (16, 8 or 4, a width this processor accelerates; 0 copies plainly).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="source"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lanes"/> is not a width accelerated here.</exception>
    public static unsafe void Copy(ReadOnlySpan<float> source, Span<float> destination, int lanes)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException(
                $"destination holds {destination.Length} floats but source has {source.Length}.", nameof(destination));
        }
        if (!IsAccelerated(lanes))
        {
            throw new ArgumentOutOfRangeException(nameof(lanes), lanes,
                $"lanes must be 0 or a vector width this processor accelerates (16, 8 or 4 floats; the widest here is {WidestLanes}).");
        }
        int n = source.Length;
        if (lanes == 0)
        {
            source.CopyTo(destination);
            return;
        }
        fixed (float* from = source)
        fixed (float* to = destination)
        {
            // Aligned non-temporal stores need the destination on a vector boundary (floats are 4-byte aligned): the
            // floats before it are copied plainly, as is the tail after the last whole vector.
            int misaligned = (int)((nuint)to % (nuint)(lanes * sizeof(float))) / sizeof(float);
            int head = misaligned == 0 ? 0 : Math.Min(n, lanes - misaligned);
            source.Slice(0, head).CopyTo(destination);
            int i = head, end = head + (n - head) / lanes * lanes;
            if (lanes == 16)
            {
                for (; i < end; i += 16) Vector512.Load(from + i).StoreAlignedNonTemporal(to + i);
            }
            else if (lanes == 8)
            {
                for (; i < end; i += 8) Vector256.Load(from + i).StoreAlignedNonTemporal(to + i);
            }
            else
            {
                for (; i < end; i += 4) Vector128.Load(from + i).StoreAlignedNonTemporal(to + i);
            }
            source.Slice(end).CopyTo(destination.Slice(end));
            if (Sse.IsSupported)
            {
                // Non-temporal stores are weakly ordered: fence them before anyone reads the destination.
                Sse.StoreFence();
            }
        }
    }

    /// <summary>Whether stores of <paramref name="lanes"/> floats run as vectors here (0, the plain copy, always does).</summary>
    public static bool IsAccelerated(int lanes) => lanes switch
    {
        0 => true,
        4 => Vector128.IsHardwareAccelerated,
        8 => Vector256.IsHardwareAccelerated,
        16 => Vector512.IsHardwareAccelerated,
        _ => false,
    };
}
