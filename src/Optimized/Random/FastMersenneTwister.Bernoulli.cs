using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Verification.Core.Random;

namespace Verification.Optimized;

// FastMersenneTwister by role: bernoulli_(p) drawn straight from the state, tempering, the 53-bit compare, the keep bits
// and (for the dropout layers) the masked map fused in one pass per vector, at 512, 256 or 128 bits or scalar.

public static partial class FastMersenneTwister
{
    private const ulong Low21 = 0x1FFFFFUL;
    private const long Low53 = (1L << 53) - 1;

    /// <summary>
    /// For i &lt; <paramref name="count"/>: kept = (the i-th next double uniform &lt; p), bit i of <paramref name="bits"/>
    /// = kept, and, when <paramref name="y"/> is not empty, <c>y[i] = op(x[i], kept)</c>. Each element's two words are
    /// tempered from the state in registers (no word buffer); a pair that straddles a regeneration (an odd read
    /// position) is drawn by the scalar formula. Bits past <paramref name="count"/> in the last word are cleared.
    /// </summary>
    internal static void DrawMasked<TOp>(MersenneTwister engine, ulong threshold, Span<ulong> bits, int count, in TOp op,
        ReadOnlySpan<float> x, Span<float> y) where TOp : struct, IMaskedOp
    {
        uint[] state = StateOf(engine);
        ref int position = ref PositionOf(engine);
        bool map = !y.IsEmpty;
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        int width = KernelPaths.Bits;
        var sink = new BitSink(bits);
        int i = 0;
        while (i < count)
        {
            if (position >= N)
            {
                Regenerate(state);
                position = 0;
            }
            if (position == N - 1)
            {
                uint high = MersenneTwister.Temper(state[N - 1]);
                Regenerate(state);
                position = 1;
                bool kept = Key(high, MersenneTwister.Temper(state[0])) < threshold;
                Emit(ref sink, kept, map, in op, ref xs, ref ys, i);
                i++;
                continue;
            }
            int take = Math.Min((N - position) / 2, count - i);
            ref uint words = ref state[position];
            int e = width switch
            {
                512 => Pairs512(ref words, take, threshold, ref sink, map, in op, ref Unsafe.Add(ref xs, i), ref Unsafe.Add(ref ys, i)),
                256 => Pairs256(ref words, take, threshold, ref sink, map, in op, ref Unsafe.Add(ref xs, i), ref Unsafe.Add(ref ys, i)),
                128 => Pairs128(ref words, take, threshold, ref sink, map, in op, ref Unsafe.Add(ref xs, i), ref Unsafe.Add(ref ys, i)),
                _ => 0,
            };
            for (; e < take; e++)
            {
                uint first = MersenneTwister.Temper(Unsafe.Add(ref words, 2 * e)), second = MersenneTwister.Temper(Unsafe.Add(ref words, 2 * e + 1));
                bool kept = Key(first, second) < threshold;
                Emit(ref sink, kept, map, in op, ref xs, ref ys, i + e);
            }
            position += 2 * take;
            i += take;
        }
        sink.Flush();
        KernelPaths.Ran(width);
    }

    /// <summary>random64's low 53 bits from a pair, the first word the high half: <c>((first &amp; (2²¹−1)) ≪ 32) | second</c>.</summary>
    private static ulong Key(uint first, uint second) => ((first & Low21) << 32) | second;

    private static void Emit<TOp>(ref BitSink sink, bool kept, bool map, in TOp op, ref float xs, ref float ys, int i)
        where TOp : struct, IMaskedOp
    {
        sink.Append(kept ? 1UL : 0UL, 1);
        if (map)
        {
            Unsafe.Add(ref ys, i) = op.Invoke(Unsafe.Add(ref xs, i), kept);
        }
    }

    // A pair read as one little-endian ulong has the first word low; random64 wants it high: swapping the two 32-bit
    // halves of each 64-bit lane (one shuffle, off the shift port the tempering keeps busy) and masking to 53 bits gives
    // the key. Keys and the threshold are at most 2⁵³, so a signed 64-bit compare is exact (AVX2 and SSE4.2 compare signed lanes only).
    // The compares' sign bits are the keep bits; the masked map gets them back as 32-bit lanes (bit k tested in lane k).

    /// <summary>16 elements a step: two vectors of 16 tempered words, 8 pairs each; returns the elements done.</summary>
    private static int Pairs512<TOp>(ref uint words, int take, ulong threshold, ref BitSink sink, bool map, in TOp op, ref float x, ref float y)
        where TOp : struct, IMaskedOp
    {
        var limit = Vector512.Create((long)threshold);
        var lane = Vector512.Create(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768);
        var bitsOut = sink; // a local copy stays in registers; the caller's would be written to memory every step
        int e = 0;
        for (; e + 16 <= take; e += 16)
        {
            Vector512<uint> a = default(TemperOp).Invoke(Vector512.LoadUnsafe(ref words, (nuint)(2 * e)));
            Vector512<uint> b = default(TemperOp).Invoke(Vector512.LoadUnsafe(ref words, (nuint)(2 * e + 16)));
            ulong group = Vector512.LessThan(Swap512(a) & Vector512.Create(Low53), limit).ExtractMostSignificantBits()
                | Vector512.LessThan(Swap512(b) & Vector512.Create(Low53), limit).ExtractMostSignificantBits() << 8;
            bitsOut.Append(group, 16);
            if (map)
            {
                var kept = ~Vector512.Equals(Vector512.Create((int)group) & lane, Vector512<int>.Zero);
                op.Invoke(Vector512.LoadUnsafe(ref x, (nuint)e), kept.AsSingle()).StoreUnsafe(ref y, (nuint)e);
            }
        }
        if (e + 8 <= take)
        {
            // A regeneration holds 312 pairs = 19·16 + 8: its last 8 pairs are one vector of words, mapped 8 lanes wide.
            Vector512<uint> a = default(TemperOp).Invoke(Vector512.LoadUnsafe(ref words, (nuint)(2 * e)));
            ulong group = Vector512.LessThan(Swap512(a) & Vector512.Create(Low53), limit).ExtractMostSignificantBits();
            bitsOut.Append(group, 8);
            if (map)
            {
                var kept = ~Vector256.Equals(Vector256.Create((int)group) & Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128), Vector256<int>.Zero);
                op.Invoke(Vector256.LoadUnsafe(ref x, (nuint)e), kept.AsSingle()).StoreUnsafe(ref y, (nuint)e);
            }
            e += 8;
        }
        sink = bitsOut;
        return e;
    }

    /// <summary>8 elements a step: two vectors of 8 tempered words, 4 pairs each; returns the elements done.</summary>
    private static int Pairs256<TOp>(ref uint words, int take, ulong threshold, ref BitSink sink, bool map, in TOp op, ref float x, ref float y)
        where TOp : struct, IMaskedOp
    {
        var limit = Vector256.Create((long)threshold);
        var lane = Vector256.Create(1, 2, 4, 8, 16, 32, 64, 128);
        var bitsOut = sink; // a local copy stays in registers; the caller's would be written to memory every step
        int e = 0;
        for (; e + 8 <= take; e += 8)
        {
            Vector256<uint> a = default(TemperOp).Invoke(Vector256.LoadUnsafe(ref words, (nuint)(2 * e)));
            Vector256<uint> b = default(TemperOp).Invoke(Vector256.LoadUnsafe(ref words, (nuint)(2 * e + 8)));
            ulong group = Vector256.LessThan(Swap256(a) & Vector256.Create(Low53), limit).ExtractMostSignificantBits()
                | Vector256.LessThan(Swap256(b) & Vector256.Create(Low53), limit).ExtractMostSignificantBits() << 4;
            bitsOut.Append(group, 8);
            if (map)
            {
                var kept = ~Vector256.Equals(Vector256.Create((int)group) & lane, Vector256<int>.Zero);
                op.Invoke(Vector256.LoadUnsafe(ref x, (nuint)e), kept.AsSingle()).StoreUnsafe(ref y, (nuint)e);
            }
        }
        sink = bitsOut;
        return e;
    }

    /// <summary>4 elements a step: two vectors of 4 tempered words, 2 pairs each; returns the elements done.</summary>
    private static int Pairs128<TOp>(ref uint words, int take, ulong threshold, ref BitSink sink, bool map, in TOp op, ref float x, ref float y)
        where TOp : struct, IMaskedOp
    {
        var limit = Vector128.Create((long)threshold);
        var lane = Vector128.Create(1, 2, 4, 8);
        var bitsOut = sink; // a local copy stays in registers; the caller's would be written to memory every step
        int e = 0;
        for (; e + 4 <= take; e += 4)
        {
            Vector128<uint> a = default(TemperOp).Invoke(Vector128.LoadUnsafe(ref words, (nuint)(2 * e)));
            Vector128<uint> b = default(TemperOp).Invoke(Vector128.LoadUnsafe(ref words, (nuint)(2 * e + 4)));
            ulong group = Vector128.LessThan(Swap128(a) & Vector128.Create(Low53), limit).ExtractMostSignificantBits()
                | Vector128.LessThan(Swap128(b) & Vector128.Create(Low53), limit).ExtractMostSignificantBits() << 2;
            bitsOut.Append(group, 4);
            if (map)
            {
                var kept = ~Vector128.Equals(Vector128.Create((int)group) & lane, Vector128<int>.Zero);
                op.Invoke(Vector128.LoadUnsafe(ref x, (nuint)e), kept.AsSingle()).StoreUnsafe(ref y, (nuint)e);
            }
        }
        sink = bitsOut;
        return e;
    }

    // Inlined by hand: left to the JIT, each call passed its vector through the stack (a 64-byte store and reload per
    // call), which on Zen 4, which splits 512-bit stores in two, stalled the store forwarding and made the 512-bit body
    // 2–4× slower than the 256-bit one.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<long> Swap512(Vector512<uint> w) =>
        Vector512.Shuffle(w, Vector512.Create(1u, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14)).AsInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<long> Swap256(Vector256<uint> w) => Vector256.Shuffle(w, Vector256.Create(1u, 0, 3, 2, 5, 4, 7, 6)).AsInt64();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<long> Swap128(Vector128<uint> w) => Vector128.Shuffle(w, Vector128.Create(1u, 0, 3, 2)).AsInt64();

    /// <summary>
    /// Keep bits written in order from element 0, a 64-bit word at a time: groups of up to 64 bits are appended to a
    /// register and each full word is stored once; <see cref="Flush"/> stores the last, partial word with its high bits clear.
    /// </summary>
    private ref struct BitSink(Span<ulong> bits)
    {
        private readonly Span<ulong> _bits = bits;
        private ulong _word;
        private int _filled;
        private int _next;

        /// <summary>Appends the low <paramref name="count"/> bits of <paramref name="group"/> (higher bits are zero).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Append(ulong group, int count)
        {
            _word |= group << _filled;
            _filled += count;
            if (_filled >= 64)
            {
                _bits[_next++] = _word;
                _filled -= 64;
                _word = _filled == 0 ? 0 : group >> (count - _filled);
            }
        }

        public readonly void Flush()
        {
            if (_filled > 0)
            {
                _bits[_next] = _word;
            }
        }
    }
}
