using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Verification.Optimized;

/// <summary>
/// The one loop every fused kernel runs: the widest body <see cref="KernelPaths.Bits"/> allows over whole vectors,
/// then the scalar body over the tail. The same pattern as TensorPrimitives' internal operator structs, so AVX-512,
/// AVX2 and SSE/Arm64 NEON each run vector code; an op supplies the bodies (<see cref="IMapOp{TIn, TOut}"/>,
/// <see cref="IZipOp"/>, <see cref="IMaskedOp"/>, <see cref="IUpdateOp"/>). Outputs may be the inputs themselves
/// (each vector is loaded before it is stored). The vector loops address memory unchecked, their bounds being whole
/// vectors below n; the tail indexes the spans, so a tail that ran one element too far would throw instead of writing
/// past the end (docs/reliability.md, the VectorDriver survivors).
/// </summary>
internal static class VectorDriver
{
    /// <summary><c>y[i] = op(x[i])</c> for i &lt; x.Length.</summary>
    public static void Map<TIn, TOut, TOp>(in TOp op, ReadOnlySpan<TIn> x, Span<TOut> y)
        where TIn : unmanaged where TOut : unmanaged where TOp : struct, IMapOp<TIn, TOut>
    {
        Require(y.Length, x.Length, nameof(y));
        ref TIn xs = ref MemoryMarshal.GetReference(x);
        ref TOut ys = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0, bits = KernelPaths.Bits;
        if (bits == 512)
        {
            for (; i <= n - Vector512<TIn>.Count; i += Vector512<TIn>.Count)
            {
                op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (bits == 256)
        {
            for (; i <= n - Vector256<TIn>.Count; i += Vector256<TIn>.Count)
            {
                op.Invoke(Vector256.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (bits == 128)
        {
            for (; i <= n - Vector128<TIn>.Count; i += Vector128<TIn>.Count)
            {
                op.Invoke(Vector128.LoadUnsafe(ref xs, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            y[i] = op.Invoke(x[i]);
        }
        KernelPaths.Ran(bits);
    }

    /// <summary><c>y[i] = op(a[i], b[i])</c> for i &lt; a.Length.</summary>
    public static void Zip<TOp>(in TOp op, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) where TOp : struct, IZipOp
    {
        Require(b.Length, a.Length, nameof(b));
        Require(y.Length, a.Length, nameof(y));
        ref float aa = ref MemoryMarshal.GetReference(a);
        ref float bb = ref MemoryMarshal.GetReference(b);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int n = a.Length, i = 0, bits = KernelPaths.Bits;
        if (bits == 512)
        {
            for (; i <= n - 16; i += 16)
            {
                op.Invoke(Vector512.LoadUnsafe(ref aa, (nuint)i), Vector512.LoadUnsafe(ref bb, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (bits == 256)
        {
            for (; i <= n - 8; i += 8)
            {
                op.Invoke(Vector256.LoadUnsafe(ref aa, (nuint)i), Vector256.LoadUnsafe(ref bb, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (bits == 128)
        {
            for (; i <= n - 4; i += 4)
            {
                op.Invoke(Vector128.LoadUnsafe(ref aa, (nuint)i), Vector128.LoadUnsafe(ref bb, (nuint)i)).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            y[i] = op.Invoke(a[i], b[i]);
        }
        KernelPaths.Ran(bits);
    }

    /// <summary>
    /// <c>y[i] = op(x[i], bit i of mask)</c> for i &lt; x.Length; bit i lives in <c>mask[i / 64]</c> at <c>i % 64</c>. A
    /// vector of W lanes starts at a multiple of W, so its W bits never straddle two mask words.
    /// </summary>
    public static void Masked<TOp>(in TOp op, ReadOnlySpan<float> x, ReadOnlySpan<ulong> mask, Span<float> y) where TOp : struct, IMaskedOp
    {
        Require(y.Length, x.Length, nameof(y));
        Require(mask.Length, (x.Length + 63) / 64, nameof(mask));
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int n = x.Length, i = 0, bits = KernelPaths.Bits;
        if (bits == 512)
        {
            var lane = Vector512.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768);
            for (; i <= n - 16; i += 16)
            {
                var word = Vector512.Create((int)(mask[i >> 6] >> (i & 63)));
                var kept = ~Vector512.Equals(word & lane, Vector512<int>.Zero);
                op.Invoke(Vector512.LoadUnsafe(ref xs, (nuint)i), kept.AsSingle()).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (bits == 256)
        {
            var lane = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
            for (; i <= n - 8; i += 8)
            {
                var word = Vector256.Create((int)(mask[i >> 6] >> (i & 63)));
                var kept = ~Vector256.Equals(word & lane, Vector256<int>.Zero);
                op.Invoke(Vector256.LoadUnsafe(ref xs, (nuint)i), kept.AsSingle()).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        else if (bits == 128)
        {
            var lane = Vector128.Create(1, 2, 4, 8);
            for (; i <= n - 4; i += 4)
            {
                var word = Vector128.Create((int)(mask[i >> 6] >> (i & 63)));
                var kept = ~Vector128.Equals(word & lane, Vector128<int>.Zero);
                op.Invoke(Vector128.LoadUnsafe(ref xs, (nuint)i), kept.AsSingle()).StoreUnsafe(ref ys, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            y[i] = op.Invoke(x[i], (mask[i >> 6] >> (i & 63) & 1) != 0);
        }
        KernelPaths.Ran(bits);
    }

    /// <summary>
    /// <c>op(ref w[i], g[i], ref m[i], ref v[i])</c> for i &lt; w.Length, in place. An empty <paramref name="m"/> or
    /// <paramref name="v"/> means the op keeps fewer state values: that value is zero and never stored.
    /// </summary>
    public static void Update<TOp>(in TOp op, Span<float> w, ReadOnlySpan<float> g, Span<float> m, Span<float> v) where TOp : struct, IUpdateOp
    {
        Require(g.Length, w.Length, nameof(g));
        bool hasM = !m.IsEmpty, hasV = !v.IsEmpty;
        Require(hasM ? m.Length : w.Length, w.Length, nameof(m));
        Require(hasV ? v.Length : w.Length, w.Length, nameof(v));
        ref float ws = ref MemoryMarshal.GetReference(w);
        ref float gs = ref MemoryMarshal.GetReference(g);
        ref float ms = ref MemoryMarshal.GetReference(m);
        ref float vs = ref MemoryMarshal.GetReference(v);
        int n = w.Length, i = 0, bits = KernelPaths.Bits;
        if (bits == 512)
        {
            for (; i <= n - 16; i += 16)
            {
                var wi = Vector512.LoadUnsafe(ref ws, (nuint)i);
                var mi = hasM ? Vector512.LoadUnsafe(ref ms, (nuint)i) : Vector512<float>.Zero;
                var vi = hasV ? Vector512.LoadUnsafe(ref vs, (nuint)i) : Vector512<float>.Zero;
                op.Invoke(ref wi, Vector512.LoadUnsafe(ref gs, (nuint)i), ref mi, ref vi);
                if (hasM) mi.StoreUnsafe(ref ms, (nuint)i);
                if (hasV) vi.StoreUnsafe(ref vs, (nuint)i);
                wi.StoreUnsafe(ref ws, (nuint)i);
            }
        }
        else if (bits == 256)
        {
            for (; i <= n - 8; i += 8)
            {
                var wi = Vector256.LoadUnsafe(ref ws, (nuint)i);
                var mi = hasM ? Vector256.LoadUnsafe(ref ms, (nuint)i) : Vector256<float>.Zero;
                var vi = hasV ? Vector256.LoadUnsafe(ref vs, (nuint)i) : Vector256<float>.Zero;
                op.Invoke(ref wi, Vector256.LoadUnsafe(ref gs, (nuint)i), ref mi, ref vi);
                if (hasM) mi.StoreUnsafe(ref ms, (nuint)i);
                if (hasV) vi.StoreUnsafe(ref vs, (nuint)i);
                wi.StoreUnsafe(ref ws, (nuint)i);
            }
        }
        else if (bits == 128)
        {
            for (; i <= n - 4; i += 4)
            {
                var wi = Vector128.LoadUnsafe(ref ws, (nuint)i);
                var mi = hasM ? Vector128.LoadUnsafe(ref ms, (nuint)i) : Vector128<float>.Zero;
                var vi = hasV ? Vector128.LoadUnsafe(ref vs, (nuint)i) : Vector128<float>.Zero;
                op.Invoke(ref wi, Vector128.LoadUnsafe(ref gs, (nuint)i), ref mi, ref vi);
                if (hasM) mi.StoreUnsafe(ref ms, (nuint)i);
                if (hasV) vi.StoreUnsafe(ref vs, (nuint)i);
                wi.StoreUnsafe(ref ws, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            float mi = hasM ? m[i] : 0f, vi = hasV ? v[i] : 0f;
            op.Invoke(ref w[i], g[i], ref mi, ref vi);
            if (hasM) m[i] = mi;
            if (hasV) v[i] = vi;
        }
        KernelPaths.Ran(bits);
    }

    private static void Require(int actual, int needed, string name)
    {
        if (actual < needed)
        {
            throw new ArgumentException($"{name} holds {actual} elements but the kernel needs {needed}.", name);
        }
    }
}
