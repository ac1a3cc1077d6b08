using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Verification.Optimized;

// FastMersenneTwister by role: the 512-, 256- and 128-bit bodies of the refill and of the Bernoulli bits.

public static partial class FastMersenneTwister
{
    /// <summary>
    /// <c>s[k] = s[k + far] ⊕ twist(s[k], s[k+1])</c> for k in [start, end), a vector of words at a time; every width
    /// divides 224 and 384, the lengths of the two ranges.
    /// </summary>
    private static void Twist(ref uint s, int start, int end, int far, int width)
    {
        if (width == 512)
        {
            for (int k = start; k < end; k += 16)
            {
                Vector512<uint> here = Vector512.LoadUnsafe(ref s, (nuint)k), next = Vector512.LoadUnsafe(ref s, (nuint)(k + 1));
                Vector512<uint> y = (here & Vector512.Create(UpperMask)) | (next & Vector512.Create(LowerMask));
                Vector512<uint> odd = Vector512<uint>.Zero - (y & Vector512<uint>.One);
                (Vector512.LoadUnsafe(ref s, (nuint)(k + far)) ^ (y >> 1) ^ (odd & Vector512.Create(MatrixA))).StoreUnsafe(ref s, (nuint)k);
            }
        }
        else if (width == 256)
        {
            for (int k = start; k < end; k += 8)
            {
                Vector256<uint> here = Vector256.LoadUnsafe(ref s, (nuint)k), next = Vector256.LoadUnsafe(ref s, (nuint)(k + 1));
                Vector256<uint> y = (here & Vector256.Create(UpperMask)) | (next & Vector256.Create(LowerMask));
                Vector256<uint> odd = Vector256<uint>.Zero - (y & Vector256<uint>.One);
                (Vector256.LoadUnsafe(ref s, (nuint)(k + far)) ^ (y >> 1) ^ (odd & Vector256.Create(MatrixA))).StoreUnsafe(ref s, (nuint)k);
            }
        }
        else
        {
            for (int k = start; k < end; k += 4)
            {
                Vector128<uint> here = Vector128.LoadUnsafe(ref s, (nuint)k), next = Vector128.LoadUnsafe(ref s, (nuint)(k + 1));
                Vector128<uint> y = (here & Vector128.Create(UpperMask)) | (next & Vector128.Create(LowerMask));
                Vector128<uint> odd = Vector128<uint>.Zero - (y & Vector128<uint>.One);
                (Vector128.LoadUnsafe(ref s, (nuint)(k + far)) ^ (y >> 1) ^ (odd & Vector128.Create(MatrixA))).StoreUnsafe(ref s, (nuint)k);
            }
        }
    }

    // A pair read as one little-endian ulong has the first word low; random64 wants it high. Keys and the threshold are
    // at most 2⁵³, so a signed 64-bit compare is exact (AVX2 and SSE4.2 compare signed lanes only).

    /// <summary>Eight pairs per Vector512&lt;ulong&gt;, eight vectors per mask word; returns the elements done.</summary>
    private static int WordsToBits512(ReadOnlySpan<uint> words, ulong threshold, Span<ulong> bits, int count)
    {
        ref ulong pairs = ref Unsafe.As<uint, ulong>(ref Unsafe.AsRef(in words[0]));
        var lowMask = Vector512.Create(0x1FFFFFUL);
        var limit = Vector512.Create((long)threshold);
        int i = 0;
        for (; i + 64 <= count; i += 64)
        {
            ulong word = 0;
            for (int g = 0; g < 8; g++)
            {
                Vector512<ulong> lane = Vector512.LoadUnsafe(ref pairs, (nuint)(i + 8 * g));
                Vector512<long> key = (((lane & lowMask) << 32) | (lane >> 32)).AsInt64();
                word |= (ulong)Vector512.LessThan(key, limit).ExtractMostSignificantBits() << (8 * g);
            }
            bits[i / 64] = word;
        }
        return i;
    }

    /// <summary>Four pairs per Vector256&lt;ulong&gt;, sixteen vectors per mask word; returns the elements done.</summary>
    private static int WordsToBits256(ReadOnlySpan<uint> words, ulong threshold, Span<ulong> bits, int count)
    {
        ref ulong pairs = ref Unsafe.As<uint, ulong>(ref Unsafe.AsRef(in words[0]));
        var lowMask = Vector256.Create(0x1FFFFFUL);
        var limit = Vector256.Create((long)threshold);
        int i = 0;
        for (; i + 64 <= count; i += 64)
        {
            ulong word = 0;
            for (int g = 0; g < 16; g++)
            {
                Vector256<ulong> lane = Vector256.LoadUnsafe(ref pairs, (nuint)(i + 4 * g));
                Vector256<long> key = (((lane & lowMask) << 32) | (lane >> 32)).AsInt64();
                word |= (ulong)Vector256.LessThan(key, limit).ExtractMostSignificantBits() << (4 * g);
            }
            bits[i / 64] = word;
        }
        return i;
    }

    /// <summary>Two pairs per Vector128&lt;ulong&gt;, thirty-two vectors per mask word; returns the elements done.</summary>
    private static int WordsToBits128(ReadOnlySpan<uint> words, ulong threshold, Span<ulong> bits, int count)
    {
        ref ulong pairs = ref Unsafe.As<uint, ulong>(ref Unsafe.AsRef(in words[0]));
        var lowMask = Vector128.Create(0x1FFFFFUL);
        var limit = Vector128.Create((long)threshold);
        int i = 0;
        for (; i + 64 <= count; i += 64)
        {
            ulong word = 0;
            for (int g = 0; g < 32; g++)
            {
                Vector128<ulong> lane = Vector128.LoadUnsafe(ref pairs, (nuint)(i + 2 * g));
                Vector128<long> key = (((lane & lowMask) << 32) | (lane >> 32)).AsInt64();
                word |= (ulong)Vector128.LessThan(key, limit).ExtractMostSignificantBits() << (2 * g);
            }
            bits[i / 64] = word;
        }
        return i;
    }
}
