using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Verification.Optimized;

// FastMersenneTwister by role: the 512-, 256- and 128-bit bodies of the refill.

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
}
