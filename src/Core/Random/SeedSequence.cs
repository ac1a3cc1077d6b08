using System.Numerics;

namespace Verification.Core.Random;

/// <summary>
/// NumPy's <c>np.random.SeedSequence(entropy)</c> (numpy/random/bit_generator.pyx): the integer seed is split into
/// 32-bit words, least significant first, and hashed into a pool of four words; <c>generate_state</c> then hashes the
/// pool again into as many words as a bit generator asks for. Every operation is on 32-bit unsigned words, so the
/// multiplications wrap modulo 2³². Spawn keys are not supported (a seeded <c>default_rng</c> has none).
/// </summary>
public sealed class SeedSequence
{
    /// <summary>The number of 32-bit words in the pool (NumPy's <c>DEFAULT_POOL_SIZE</c>).</summary>
    public const int PoolSize = 4;

    // The hash constants of O'Neill's seed_seq_fe, as NumPy names them.
    private const uint InitA = 0x43b0d7e5;
    private const uint MultA = 0x931e8875;
    private const uint InitB = 0x8b51f9dd;
    private const uint MultB = 0x58f38ded;
    private const uint MixMultL = 0xca01f9dd;
    private const uint MixMultR = 0x4973f715;
    private const int XShift = 16;

    private readonly uint[] _pool = new uint[PoolSize];

    /// <summary><c>SeedSequence(entropy)</c> for a non-negative integer of any size.</summary>
    public SeedSequence(BigInteger entropy)
    {
        if (entropy.Sign < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(entropy), entropy, "expected non-negative integer");
        }
        Entropy = entropy;
        MixEntropy(Words(entropy));
    }

    /// <summary>The entropy the sequence was built from.</summary>
    public BigInteger Entropy { get; }

    /// <summary>The hashed pool (NumPy's <c>SeedSequence.pool</c>).</summary>
    public IReadOnlyList<uint> Pool => _pool;

    /// <summary><c>generate_state(words, np.uint32)</c>: word i hashes <c>pool[i mod 4]</c> with a running constant.</summary>
    public uint[] GenerateState32(int words)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(words);
        var state = new uint[words];
        uint hashConst = InitB;
        for (int i = 0; i < words; i++)
        {
            uint value = _pool[i % PoolSize] ^ hashConst;
            hashConst *= MultB;
            value *= hashConst;
            state[i] = value ^ (value >> XShift);
        }
        return state;
    }

    /// <summary><c>generate_state(words, np.uint64)</c>: twice as many 32-bit words, paired little-endian.</summary>
    public ulong[] GenerateState64(int words)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(words);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(words, Array.MaxLength / 2);
        var halves = GenerateState32(2 * words);
        var state = new ulong[words];
        for (int i = 0; i < words; i++) state[i] = halves[2 * i] | ((ulong)halves[2 * i + 1] << 32);
        return state;
    }

    /// <summary>The integer as 32-bit words, least significant first; zero is one word <c>[0]</c>.</summary>
    private static uint[] Words(BigInteger entropy)
    {
        var words = new List<uint>();
        do
        {
            words.Add((uint)(entropy & uint.MaxValue));
            entropy >>= 32;
        }
        while (!entropy.IsZero);
        return words.ToArray();
    }

    /// <summary>
    /// <c>mix_entropy</c>: hash the first four words (or zeros) into the pool, mix every pool word into every other,
    /// then mix any further entropy words into all of them.
    /// </summary>
    private void MixEntropy(uint[] entropy)
    {
        uint hashConst = InitA;
        for (int i = 0; i < PoolSize; i++)
        {
            _pool[i] = HashMix(i < entropy.Length ? entropy[i] : 0, ref hashConst);
        }
        for (int source = 0; source < PoolSize; source++)
        {
            for (int destination = 0; destination < PoolSize; destination++)
            {
                if (source != destination)
                {
                    _pool[destination] = Mix(_pool[destination], HashMix(_pool[source], ref hashConst));
                }
            }
        }
        for (int source = PoolSize; source < entropy.Length; source++)
        {
            for (int destination = 0; destination < PoolSize; destination++)
            {
                _pool[destination] = Mix(_pool[destination], HashMix(entropy[source], ref hashConst));
            }
        }
    }

    /// <summary><c>hashmix</c>: <c>v = (v ⊕ h)·h'</c> with the constant advanced, <c>v ⊕= v ≫ 16</c>.</summary>
    private static uint HashMix(uint value, ref uint hashConst)
    {
        value ^= hashConst;
        hashConst *= MultA;
        value *= hashConst;
        return value ^ (value >> XShift);
    }

    /// <summary><c>mix</c>: <c>r = L·x − R·y</c>, <c>r ⊕= r ≫ 16</c>.</summary>
    private static uint Mix(uint x, uint y)
    {
        uint result = MixMultL * x - MixMultR * y;
        return result ^ (result >> XShift);
    }
}
