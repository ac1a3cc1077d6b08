using System.Runtime.Intrinsics;
using Verification.Core.Random;

namespace Verification.Properties.Optimized.Broken;

/// <summary>Known-wrong fast engines; the properties in <see cref="BrokenEngineTests"/> must reject each one.</summary>
public static class BrokenEngines
{
    /// <summary>
    /// BUG: computes words 0…239 all from the OLD state, as a 16-wide vector step would if it ran past k = 224.
    /// Words 227…239 need s[k−227], which the correct order has already rewritten; the real kernel leaves
    /// k = 224…226 to scalar code and starts the second vector range at 227 for exactly this reason.
    /// </summary>
    public static void RegenerateVectorisingTheOverlap(uint[] state)
    {
        const int n = 624, m = 397;
        var copy = (uint[])state.Clone();
        // Every word of the first 240 from the OLD state, as if no dependency existed.
        for (int k = 0; k < 240; k++)
        {
            uint y = (copy[k] & 0x80000000u) | (copy[(k + 1) % n] & 0x7fffffffu);
            uint mix = (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
            state[k] = copy[(k + m) % n] ^ mix;
        }
        for (int k = 240; k < n; k++)
        {
            uint y = (state[k] & 0x80000000u) | (state[(k + 1) % n] & 0x7fffffffu);
            uint mix = (y >> 1) ^ ((y & 1u) != 0 ? 0x9908b0dfu : 0u);
            state[k] = state[(k + m) % n] ^ mix;
        }
    }

    /// <summary>
    /// BUG: reads a pair of words as one little-endian 64-bit value, so the SECOND word becomes the high half of
    /// random64 (PyTorch puts the first word high). Half the bits of every uniform come from the wrong word.
    /// </summary>
    public static bool[] BernoulliWithSwappedWords(TorchGenerator generator, double p, int count)
    {
        var result = new bool[count];
        for (int i = 0; i < count; i++)
        {
            ulong first = generator.Random(), second = generator.Random();
            ulong u53 = ((second & 0x1FFFFF) << 32) | first;
            result[i] = u53 * (1.0 / (1UL << 53)) < p;
        }
        return result;
    }
}
