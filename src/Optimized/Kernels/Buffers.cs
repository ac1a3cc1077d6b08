using System.Runtime.CompilerServices;
using Verification.Core;

namespace Verification.Optimized;

/// <summary>
/// Output buffers kept across steps: reallocated only when the shape changes, so steady training allocates nothing. The
/// buffer a shape change displaces is kept as the new one's spare and comes back when its shape does: an epoch of 1,000
/// samples in batches of 64 ends with a batch of 40, and reallocating every layer's buffers at both switches put 1.8 MB
/// per digits epoch on the large-object heap and a full (gen 2) collection every six epochs, whose cost grows with
/// everything else the process holds.
/// </summary>
internal static class Buffers
{
    private static readonly ConditionalWeakTable<Tensor, Tensor> SpareTensors = new();
    /// <summary>A tensor shaped like <paramref name="like"/>, reusing <paramref name="buffer"/> when it already is.</summary>
    public static Tensor Like(ref Tensor? buffer, Tensor like)
    {
        if (buffer is null || !buffer.SameShape(like))
        {
            buffer = Replace(buffer, like.Shape);
        }
        return buffer;
    }

    /// <summary>A tensor of exactly <paramref name="shape"/>, reusing <paramref name="buffer"/> when it already has it.</summary>
    public static Tensor Shaped(ref Tensor? buffer, params ReadOnlySpan<int> shape)
    {
        bool same = buffer is not null && buffer.Rank == shape.Length;
        for (int d = 0; same && d < shape.Length; d++)
        {
            same = buffer!.Size(d) == shape[d];
        }
        if (!same)
        {
            buffer = Replace(buffer, shape.ToArray());
        }
        return buffer!;
    }

    /// <summary>A tensor shaped like <paramref name="like"/> but with the last dimension <paramref name="last"/>.</summary>
    public static Tensor LikeWithLast(ref Tensor? buffer, Tensor like, int last)
    {
        bool same = buffer is not null && buffer.Rank == like.Rank && buffer.Size(-1) == last;
        for (int d = 0; same && d < like.Rank - 1; d++)
        {
            same = buffer!.Size(d) == like.Size(d);
        }
        if (!same)
        {
            int[] shape = like.Shape;
            shape[^1] = last;
            buffer = Replace(buffer, shape);
        }
        return buffer!;
    }

    /// <summary>An array of at least <paramref name="length"/> elements, reusing <paramref name="buffer"/> when it is exactly that long.</summary>
    public static T[] Array<T>(ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length != length)
        {
            ConditionalWeakTable<T[], T[]> spares = SpareArrays<T>.Table;
            T[]? previous = buffer;
            if (previous is not null && spares.TryGetValue(previous, out T[]? spare) && spare.Length == length)
            {
                buffer = spare;
                spares.Remove(previous);
            }
            else
            {
                buffer = new T[length];
            }
            if (previous is not null)
            {
                spares.AddOrUpdate(buffer, previous);
            }
        }
        return buffer;
    }

    /// <summary>A tensor of <paramref name="shape"/> in place of <paramref name="buffer"/>: its spare if it has that shape, else a new one.</summary>
    private static Tensor Replace(Tensor? buffer, int[] shape)
    {
        Tensor result;
        if (buffer is not null && SpareTensors.TryGetValue(buffer, out Tensor? spare) && HasShape(spare, shape))
        {
            result = spare;
            SpareTensors.Remove(buffer);
        }
        else
        {
            result = new Tensor(shape);
        }
        if (buffer is not null)
        {
            SpareTensors.AddOrUpdate(result, buffer);
        }
        return result;
    }

    private static bool HasShape(Tensor tensor, int[] shape)
    {
        bool same = tensor.Rank == shape.Length;
        for (int d = 0; same && d < shape.Length; d++)
        {
            same = tensor.Size(d) == shape[d];
        }
        return same;
    }

    private static class SpareArrays<T>
    {
        public static readonly ConditionalWeakTable<T[], T[]> Table = new();
    }
}
