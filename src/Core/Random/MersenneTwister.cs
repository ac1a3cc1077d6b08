namespace Verification.Core.Random;

/// <summary>
/// The 32-bit Mersenne Twister (MT19937) as PyTorch's CPU generator runs it: seeded from the low 32 bits
/// of the seed by the usual <c>init_genrand</c> recurrence, regenerating all 624 state words at once.
/// </summary>
public sealed class MersenneTwister
{
    /// <summary>Number of 32-bit words in the state.</summary>
    public const int StateSize = 624;
    private const int Shift = 397;
    private const uint MatrixA = 0x9908b0dfu;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7fffffffu;

    private readonly uint[] _state = new uint[StateSize];
    private int _next;

    /// <summary>Seeds with the low 32 bits of <paramref name="seed"/>.</summary>
    public MersenneTwister(ulong seed) => Seed(seed);

    /// <summary>Re-seeds: <c>s[0] = seed mod 2³²; s[j] = 1812433253·(s[j−1] ⊕ (s[j−1] ≫ 30)) + j</c>.</summary>
    public void Seed(ulong seed)
    {
        _state[0] = (uint)seed;
        for (uint j = 1; j < StateSize; j++)
        {
            uint previous = _state[j - 1];
            _state[j] = 1812433253u * (previous ^ (previous >> 30)) + j;
        }
        _next = StateSize; // the first draw regenerates the whole state
    }

    /// <summary>The next 32-bit output.</summary>
    public uint Next()
    {
        if (_next >= StateSize)
        {
            Regenerate(_state);
            _next = 0;
        }
        return Temper(_state[_next++]);
    }

    /// <summary>Fills <paramref name="destination"/> with the next outputs, in order.</summary>
    public void Fill(Span<uint> destination)
    {
        int written = 0;
        while (written < destination.Length)
        {
            if (_next >= StateSize)
            {
                Regenerate(_state);
                _next = 0;
            }
            int take = Math.Min(StateSize - _next, destination.Length - written);
            for (int i = 0; i < take; i++)
            {
                destination[written + i] = Temper(_state[_next + i]);
            }
            _next += take;
            written += take;
        }
    }

    /// <summary>
    /// The live state words, for the vectorised engine in src/Optimized (which regenerates and tempers them in place
    /// and must not allocate, as <see cref="SaveState"/> does). Not public: only that engine may touch them.
    /// </summary>
    internal uint[] StateWords => _state;

    /// <summary>The index of the next word to temper (624 = regenerate first), by reference, for the same engine.</summary>
    internal ref int Position => ref _next;

    /// <summary>Copies the state (624 words and the read position) for a checkpoint.</summary>
    public MersenneTwisterState SaveState() => new((uint[])_state.Clone(), _next);

    /// <summary>Restores a state saved by <see cref="SaveState"/>.</summary>
    public void RestoreState(MersenneTwisterState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Words.Length != StateSize)
        {
            throw new ArgumentException($"a Mersenne Twister state has {StateSize} words, got {state.Words.Length}.", nameof(state));
        }
        if (state.Position < 0 || state.Position > StateSize)
        {
            throw new ArgumentException($"state position must be in [0, {StateSize}], got {state.Position}.", nameof(state));
        }
        state.Words.CopyTo(_state, 0);
        _next = state.Position;
    }

    /// <summary>Tempering: <c>y ⊕= y≫11; y ⊕= (y≪7)&amp;0x9d2c5680; y ⊕= (y≪15)&amp;0xefc60000; y ⊕= y≫18</c>.</summary>
    public static uint Temper(uint y)
    {
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c5680u;
        y ^= (y << 15) & 0xefc60000u;
        y ^= y >> 18;
        return y;
    }

    /// <summary>
    /// One full state regeneration ("twist"):
    /// <c>s[k] = s[k+397] ⊕ ((upper(s[k]) | lower(s[k+1])) ≫ 1) ⊕ (0x9908b0df if s[k+1] is odd)</c>, indices mod 624.
    /// </summary>
    public static void Regenerate(uint[] state)
    {
        for (int k = 0; k < StateSize; k++)
        {
            uint y = (state[k] & UpperMask) | (state[(k + 1) % StateSize] & LowerMask);
            uint mix = (y >> 1) ^ ((y & 1u) != 0 ? MatrixA : 0u);
            state[k] = state[(k + Shift) % StateSize] ^ mix;
        }
    }
}

/// <summary>A saved Mersenne Twister state: the 624 words and the index of the next word to temper.</summary>
public sealed record MersenneTwisterState(uint[] Words, int Position);
