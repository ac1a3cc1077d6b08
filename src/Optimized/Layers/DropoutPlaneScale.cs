using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace Verification.Optimized;

/// <summary>
/// Channel dropout's pass over the planes: <c>y[q·P + k] = x[q·P + k] · (bit q of mask ? s : 0)</c> for each of the
/// planes q (P elements each), one multiply per element as TensorPrimitives' multiply by a scalar. Memory-bound (4 B read
/// and 4 B written per element), so large inputs are cut into pieces of whole planes, about 1 MB of x each, shared with
/// the helper thread (<see cref="HelperThread"/>): one core alone does not reach the machine's copy bandwidth. The cut
/// depends on the shape only, and each element is one multiply, so the thread count never changes a bit. One instance
/// per layer, re-armed per call: nothing is allocated per step.
/// </summary>
/// <remarks>
/// An output of at least <see cref="NonTemporalBytes"/> is written with non-temporal (streaming) stores, a vector at a
/// time across plane boundaries: an ordinary store first reads each output line into the cache (read-for-ownership),
/// so a pass of n bytes in and n out moves 3n bytes, a streaming store 2n, as the calibrated copy does. Per plane,
/// TensorPrimitives never streams: it does so only within one call above the same threshold, and a plane is smaller.
/// </remarks>
internal sealed unsafe class DropoutPlaneScale : IPiecewiseJob
{
    /// <summary>TensorPrimitives' NonTemporalByteThreshold (System.Numerics.Tensors, 256 KiB): below it the output is
    /// likely to be read again from the cache.</summary>
    internal const long NonTemporalBytes = 256 * 1024;

    private const int ElementsPerPiece = 1 << 18;
    private float[] _x = [], _y = [];
    private ulong[] _mask = [];
    private int _planes, _planeLength, _pieces;
    private float _scale;
    private bool _stream;

    /// <inheritdoc/>
    public int Pieces => _pieces;

    /// <summary>Scales <paramref name="planes"/> planes of <paramref name="x"/> into <paramref name="y"/>, both of the same length.</summary>
    public void Run(float[] x, ulong[] mask, int planes, float scale, float[] y)
    {
        _x = x;
        _y = y;
        _mask = mask;
        _planes = planes;
        _planeLength = x.Length / planes;
        _scale = scale;
        _pieces = Math.Clamp(x.Length / ElementsPerPiece, 1, planes);
        _stream = (long)y.Length * sizeof(float) >= NonTemporalBytes && KernelPaths.Bits >= 128 && Sse.IsSupported;
        try
        {
            HelperThread.Run(this);
        }
        finally
        {
            _x = _y = [];
            _mask = [];
        }
    }

    /// <inheritdoc/>
    public void Execute(int piece)
    {
        int first = (int)((long)piece * _planes / _pieces), end = (int)((long)(piece + 1) * _planes / _pieces);
        if (_stream)
        {
            fixed (float* x = _x, y = _y)
            {
                Stream(x, y, (long)first * _planeLength, (long)end * _planeLength);
            }
            return;
        }
        for (int q = first; q < end; q++)
        {
            TensorPrimitives.Multiply(_x.AsSpan(q * _planeLength, _planeLength), Noise(q), _y.AsSpan(q * _planeLength, _planeLength));
        }
    }

    private float Noise(int q) => (_mask[q >> 6] >> (q & 63) & 1) != 0 ? _scale : 0f;

    /// <summary>
    /// <c>y[i] = x[i]·noise(i)</c> for i in [start, stop): ordinary stores up to the first aligned output vector, then
    /// aligned streaming stores, a plane's run of whole vectors at a time (a vector straddling two planes gets its noise
    /// lane by lane), then the tail.
    /// </summary>
    private void Stream(float* x, float* y, long start, long stop)
    {
        int bits = KernelPaths.Bits, lanes = bits / 32, length = _planeLength;
        long i = start;
        for (; i < stop && ((nuint)(y + i) & (nuint)(bits / 8 - 1)) != 0; i++)
        {
            y[i] = x[i] * Noise((int)(i / length));
        }
        float* straddle = stackalloc float[16];
        while (i + lanes <= stop)
        {
            int plane = (int)(i / length);
            long runEnd = Math.Min((long)(plane + 1) * length, stop);
            float noise = Noise(plane);
            long vectors = (runEnd - i) / lanes;
            if (bits == 512)
            {
                Run512(x + i, y + i, vectors, noise);
            }
            else if (bits == 256)
            {
                Run256(x + i, y + i, vectors, noise);
            }
            else
            {
                Run128(x + i, y + i, vectors, noise);
            }
            i += vectors * lanes;
            if (i < runEnd && i + lanes <= stop)
            {
                for (int k = 0; k < lanes; k++)
                {
                    straddle[k] = Noise((int)((i + k) / length));
                }
                Run(x + i, y + i, straddle, bits);
                i += lanes;
            }
        }
        for (; i < stop; i++)
        {
            y[i] = x[i] * Noise((int)(i / length));
        }
        // Streaming stores are weakly ordered: fence them before the piece counts as done for another thread.
        Sse.StoreFence();
        KernelPaths.Ran(bits);
    }

    private static void Run512(float* x, float* y, long vectors, float noise)
    {
        var n = Vector512.Create(noise);
        for (long v = 0; v < vectors; v++)
        {
            (Vector512.Load(x + 16 * v) * n).StoreAlignedNonTemporal(y + 16 * v);
        }
    }

    private static void Run256(float* x, float* y, long vectors, float noise)
    {
        var n = Vector256.Create(noise);
        for (long v = 0; v < vectors; v++)
        {
            (Vector256.Load(x + 8 * v) * n).StoreAlignedNonTemporal(y + 8 * v);
        }
    }

    private static void Run128(float* x, float* y, long vectors, float noise)
    {
        var n = Vector128.Create(noise);
        for (long v = 0; v < vectors; v++)
        {
            (Vector128.Load(x + 4 * v) * n).StoreAlignedNonTemporal(y + 4 * v);
        }
    }

    /// <summary>One vector whose lanes have their own noise.</summary>
    private static void Run(float* x, float* y, float* noise, int bits)
    {
        if (bits == 512)
        {
            (Vector512.Load(x) * Vector512.Load(noise)).StoreAlignedNonTemporal(y);
        }
        else if (bits == 256)
        {
            (Vector256.Load(x) * Vector256.Load(noise)).StoreAlignedNonTemporal(y);
        }
        else
        {
            (Vector128.Load(x) * Vector128.Load(noise)).StoreAlignedNonTemporal(y);
        }
    }
}
