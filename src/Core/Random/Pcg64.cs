using System.Numerics;

namespace Verification.Core.Random;

/// <summary>
/// NumPy's <c>PCG64</c> bit generator (numpy/random/src/pcg64/pcg64.h; O'Neill, "PCG: A Family of Simple Fast
/// Space-Efficient Statistically Good Algorithms for Random Number Generation", 2014): a 128-bit linear congruential
/// state <c>s ← s·M + inc</c> whose output is XSL-RR, the xor of the state's two halves rotated right by its top six
/// bits. Seeded as NumPy seeds it: four 64-bit words of a <see cref="SeedSequence"/> give the initial state and the
/// stream (<c>pcg_setseq_128_srandom_r</c>).
/// </summary>
public sealed class Pcg64
{
    /// <summary>The LCG multiplier, <c>PCG_DEFAULT_MULTIPLIER_128</c>.</summary>
    public static readonly UInt128 Multiplier = new(2549297995355413924UL, 4865540595714422341UL);

    private UInt128 _state;

    /// <summary><c>np.random.PCG64(seed)</c>: seeded through <c>SeedSequence(seed)</c>.</summary>
    public Pcg64(BigInteger seed)
        : this(new SeedSequence(seed))
    {
    }

    /// <summary><c>np.random.PCG64(seedSequence)</c>.</summary>
    public Pcg64(SeedSequence seedSequence)
    {
        ArgumentNullException.ThrowIfNull(seedSequence);
        var words = seedSequence.GenerateState64(4);
        var initialState = new UInt128(words[0], words[1]);
        var sequence = new UInt128(words[2], words[3]);
        Increment = (sequence << 1) | 1;
        _state = 0;
        Step();
        _state += initialState;
        Step();
    }

    /// <summary>The current 128-bit state (NumPy's <c>bit_generator.state["state"]["state"]</c>).</summary>
    public UInt128 State => _state;

    /// <summary>The odd increment that selects the stream (<c>state["state"]["inc"]</c>).</summary>
    public UInt128 Increment { get; }

    /// <summary><c>random_raw()</c>: advance, then output XSL-RR of the new state.</summary>
    public ulong NextUInt64()
    {
        Step();
        ulong folded = (ulong)(_state >> 64) ^ (ulong)_state;
        return BitOperations.RotateRight(folded, (int)(_state >> 122));
    }

    /// <summary>A double in [0, 1) from the top 53 bits of one output: <c>(next64 ≫ 11)·2⁻⁵³</c>.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / 9007199254740992.0);

    private void Step() => _state = _state * Multiplier + Increment;
}
