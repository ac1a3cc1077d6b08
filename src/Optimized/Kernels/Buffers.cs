using Verification.Core;

namespace Verification.Optimized;

/// <summary>Output buffers kept across steps: reallocated only when the shape changes, so steady training allocates nothing.</summary>
internal static class Buffers
{
    /// <summary>A tensor shaped like <paramref name="like"/>, reusing <paramref name="buffer"/> when it already is.</summary>
    public static Tensor Like(ref Tensor? buffer, Tensor like)
    {
        if (buffer is null || !buffer.SameShape(like))
        {
            buffer = new Tensor(like.Shape);
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
            buffer = new Tensor(shape.ToArray());
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
            buffer = new Tensor(shape);
        }
        return buffer!;
    }

    /// <summary>An array of at least <paramref name="length"/> elements, reusing <paramref name="buffer"/> when it is exactly that long.</summary>
    public static T[] Array<T>(ref T[]? buffer, int length)
    {
        if (buffer is null || buffer.Length != length)
        {
            buffer = new T[length];
        }
        return buffer;
    }
}
