namespace Verification.Core.Random;

/// <summary>
/// NumPy's legacy global generator (<c>np.random.seed(s)</c>, <c>np.random.rand</c>), which document
/// 003_8edb894460b127c3.txt uses for its masks. It is the same mt19937 as PyTorch's, seeded the same way from a
/// 32-bit seed, but turns words into doubles differently: <c>(a ≫ 5, b ≫ 6)</c> of two words, i.e.
/// <c>(a·2²⁶ + b) / 2⁵³</c>. Reproducing it lets the suite check the document's printed NumPy numbers exactly.
/// </summary>
public sealed class NumpyRandomState
{
    private readonly MersenneTwister _engine;

    /// <summary><c>np.random.seed(seed)</c>; NumPy accepts seeds in [0, 2³² − 1].</summary>
    public NumpyRandomState(long seed)
    {
        if (seed < 0 || seed > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(seed), seed, "Seed must be between 0 and 2**32 - 1");
        }
        _engine = new MersenneTwister((ulong)seed);
    }

    /// <summary><c>np.random.rand()</c>: a double in [0, 1) with 53 random bits.</summary>
    public double NextDouble()
    {
        uint a = _engine.Next() >> 5;
        uint b = _engine.Next() >> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /// <summary><c>np.random.rand(n)</c>.</summary>
    public double[] Rand(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(n, Array.MaxLength);
        var values = new double[n];
        for (int i = 0; i < n; i++) values[i] = NextDouble();
        return values;
    }
}
