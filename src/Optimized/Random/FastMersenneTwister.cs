using System.Runtime.CompilerServices;
using Verification.Core.Random;

namespace Verification.Optimized;

/// <summary>
/// Bulk, vectorised drawing from Core's <see cref="MersenneTwister"/>, operating in place on that engine's own
/// 624 words and read position, so the stream continues exactly as if the engine had produced the words itself.
/// <list type="bullet">
/// <item>Regeneration in vector steps: <c>s[k] = s[k+397] ⊕ twist(s[k], s[k+1])</c>; the three ranges whose inputs
/// would overlap the words being written (k = 224…226, 611…623) run scalar.</item>
/// <item>Tempering a vector of words at a time (<see cref="TemperOp"/>).</item>
/// <item>Bernoulli draws as PyTorch's <c>bernoulli_(p)</c>: one double per element from two words (first word
/// the high half), <c>u = (random64 &amp; (2⁵³−1))·2⁻⁵³ &lt; p</c>, compared exactly as integers:
/// <c>u53 &lt; ⌈p·2⁵³⌉</c>, one element per 64-bit lane, the words tempered straight from the state in registers and
/// the keep bits (and dropout's masked multiply) made in the same pass (FastMersenneTwister.Bernoulli.cs).</item>
/// </list>
/// Each step has a 512-, a 256- and a 128-bit body (FastMersenneTwister.Bodies.cs, FastMersenneTwister.Bernoulli.cs)
/// and the scalar formula; the width is <see cref="KernelPaths.Bits"/>, and every body gives the same words and bits.
/// </summary>
public static partial class FastMersenneTwister
{
    private const int N = MersenneTwister.StateSize;
    private const int M = 397;
    private const uint MatrixA = 0x9908b0dfu;
    private const uint UpperMask = 0x80000000u;
    private const uint LowerMask = 0x7fffffffu;
    private const int WordsPerChunk = 1024;

    // Core's engine shares its live words and position with this assembly (InternalsVisibleTo), so the fast paths work
    // in place without the copies SaveState would allocate.
    private static uint[] StateOf(MersenneTwister engine) => engine.StateWords;

    private static ref int PositionOf(MersenneTwister engine) => ref engine.Position;

    /// <summary>
    /// The next <c>destination.Length</c> 32-bit outputs of <paramref name="engine"/>, as <see cref="MersenneTwister.Fill"/>
    /// gives them.
    /// </summary>
    public static void Fill(MersenneTwister engine, Span<uint> destination)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Fill(StateOf(engine), ref PositionOf(engine), destination);
    }

    /// <summary>
    /// <c>bits[i / 64]</c> bit <c>i % 64</c> = (the i-th next double uniform of <paramref name="engine"/> &lt; <paramref name="p"/>),
    /// for i &lt; <paramref name="count"/>: <c>bernoulli_(p)</c> on <paramref name="count"/> elements, kept as bits. Unused
    /// high bits of the last word are cleared.
    /// </summary>
    public static void BernoulliBits(MersenneTwister engine, double p, Span<ulong> bits, int count)
    {
        ulong threshold = BernoulliThreshold(engine, p, bits, count);
        DrawMasked(engine, threshold, bits, count, default(KeptScale), default, default);
    }

    /// <summary>
    /// Dropout's fused pass: <see cref="BernoulliBits"/> on <c>x.Length</c> elements and, in the same pass,
    /// <c>y[i] = op(x[i], bit i)</c>; the mask bits are kept for backward.
    /// </summary>
    internal static void BernoulliMasked<TOp>(MersenneTwister engine, double p, Span<ulong> bits, in TOp op, ReadOnlySpan<float> x, Span<float> y)
        where TOp : struct, IMaskedOp
    {
        ulong threshold = BernoulliThreshold(engine, p, bits, x.Length);
        if (y.Length < x.Length)
        {
            throw new ArgumentException($"y holds {y.Length} elements but x has {x.Length}.", nameof(y));
        }
        DrawMasked(engine, threshold, bits, x.Length, in op, x, y);
    }

    /// <summary>Checks the arguments of a Bernoulli draw; returns ⌈p·2⁵³⌉, since u·2⁻⁵³ &lt; p ⇔ u53 &lt; ⌈p·2⁵³⌉ exactly.</summary>
    private static ulong BernoulliThreshold(MersenneTwister engine, double p, Span<ulong> bits, int count)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, $"bernoulli_ expects p to be in [0, 1], but got p={p}.");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (bits.Length < (count + 63) / 64)
        {
            throw new ArgumentException($"{count} draws need {(count + 63) / 64} mask words but got {bits.Length}.", nameof(bits));
        }
        return (ulong)Math.Ceiling(p * 9007199254740992.0);
    }

    /// <summary>
    /// <c>uniform_(from, to)</c> on float32 as <see cref="TorchGenerator.Uniform"/> computes it, with bounds already rounded:
    /// <c>y = fma((word &amp; 0xFFFFFF)·2⁻²⁴, width, lo)</c>, one word per element in order. The words are drawn in
    /// chunks on the stack, so a layer's initialisation allocates nothing beyond its weights.
    /// </summary>
    [SkipLocalsInit]
    public static void Uniform(MersenneTwister engine, Span<float> destination, float lo, float width)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Span<uint> words = stackalloc uint[WordsPerChunk];
        for (int start = 0; start < destination.Length; start += WordsPerChunk)
        {
            int count = Math.Min(WordsPerChunk, destination.Length - start);
            Span<uint> chunk = words.Slice(0, count);
            Fill(engine, chunk);
            VectorDriver.Map<uint, float, UniformOp>(new UniformOp(lo, width), chunk, destination.Slice(start, count));
        }
    }

    /// <summary>Fills from a raw state and read position (position 624 means "regenerate first").</summary>
    public static void Fill(uint[] state, ref int position, Span<uint> destination)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != N)
        {
            throw new ArgumentException($"a Mersenne Twister state has {N} words, got {state.Length}.", nameof(state));
        }
        int written = 0;
        while (written < destination.Length)
        {
            if (position >= N)
            {
                Regenerate(state);
                position = 0;
            }
            int take = Math.Min(N - position, destination.Length - written);
            Temper(state.AsSpan(position, take), destination.Slice(written, take));
            position += take;
            written += take;
        }
    }

    /// <summary>Tempering of every word: <c>y ⊕= y≫11; y ⊕= (y≪7)&amp;0x9d2c5680; y ⊕= (y≪15)&amp;0xefc60000; y ⊕= y≫18</c>.</summary>
    public static void Temper(ReadOnlySpan<uint> source, Span<uint> destination)
    {
        if (destination.Length < source.Length)
        {
            throw new ArgumentException($"destination holds {destination.Length} words but {source.Length} are tempered.", nameof(destination));
        }
        VectorDriver.Map<uint, uint, TemperOp>(default, source, destination);
    }

    /// <summary>One full regeneration, word for word the same as <see cref="MersenneTwister.Regenerate"/>.</summary>
    public static void Regenerate(uint[] state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Length != N)
        {
            throw new ArgumentException($"a Mersenne Twister state has {N} words, got {state.Length}.", nameof(state));
        }
        int width = KernelPaths.Bits;
        if (width == 0)
        {
            MersenneTwister.Regenerate(state);
            KernelPaths.Ran(0);
            return;
        }
        ref uint s = ref state[0];
        // k < 227 reads s[k+397], not yet rewritten; vector steps are safe while k + 16 ≤ 224 (s[k+16] still old).
        Twist(ref s, 0, 224, M, width);
        for (int k = 224; k < N - M; k++)
        {
            TwistScalar(ref s, k, k + 1, k + M);
        }
        // k ≥ 227 reads s[k−227], already rewritten at least 227 words earlier; a step reads s[k+1…k+16] ≤ s[611].
        Twist(ref s, N - M, 611, M - N, width);
        for (int k = 611; k < N - 1; k++)
        {
            TwistScalar(ref s, k, k + 1, k + M - N);
        }
        TwistScalar(ref s, N - 1, 0, M - 1);
        KernelPaths.Ran(width);
    }

    /// <summary>One word, with its neighbours' indices given (no modulo in the loop).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TwistScalar(ref uint s, int k, int next, int far)
    {
        uint y = (Unsafe.Add(ref s, k) & UpperMask) | (Unsafe.Add(ref s, next) & LowerMask);
        uint mix = (y >> 1) ^ ((y & 1u) != 0 ? MatrixA : 0u);
        Unsafe.Add(ref s, k) = Unsafe.Add(ref s, far) ^ mix;
    }
}
