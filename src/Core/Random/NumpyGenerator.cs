using System.Numerics;

namespace Verification.Core.Random;

/// <summary>
/// NumPy's <c>np.random.default_rng(seed)</c>: a <c>Generator</c> over <see cref="Pcg64"/>, which document
/// 003_8edb894460b127c3.txt uses for its weights. <c>random</c> is <see cref="Pcg64.NextDouble"/>; <c>normal</c> is
/// <c>loc + scale·z</c> with z from NumPy's 256-layer ziggurat for float64 (<c>random_standard_normal</c> in
/// numpy/random/src/distributions/distributions.c; Marsaglia and Tsang, "The Ziggurat Method for Generating Random
/// Variables", 2000), drawn in row-major order.
/// </summary>
public sealed class NumpyGenerator
{
    /// <summary>The start of the tail, r: layer 0 is the base strip plus everything beyond r.</summary>
    private const double TailStart = 3.6541528853610087963519472518;
    private const double InverseTailStart = 0.27366123732975827203338247596;

    /// <summary><c>np.random.default_rng(seed)</c>.</summary>
    public NumpyGenerator(BigInteger seed) => BitGenerator = new Pcg64(seed);

    /// <summary>The bit generator (NumPy's <c>Generator.bit_generator</c>).</summary>
    public Pcg64 BitGenerator { get; }

    /// <summary><c>random()</c>: a double in [0, 1).</summary>
    public double Random() => BitGenerator.NextDouble();

    /// <summary><c>random(n)</c>.</summary>
    public double[] Random(int n)
    {
        var values = new double[CheckedSize(n)];
        for (int i = 0; i < values.Length; i++) values[i] = BitGenerator.NextDouble();
        return values;
    }

    /// <summary><c>normal(loc, scale, n)</c>: <c>loc + scale·z</c> for each of n standard normal draws.</summary>
    public double[] Normal(double loc, double scale, int n)
    {
        if (scale < 0) throw new ArgumentOutOfRangeException(nameof(scale), scale, "scale < 0");
        var values = new double[CheckedSize(n)];
        for (int i = 0; i < values.Length; i++) values[i] = loc + scale * StandardNormal();
        return values;
    }

    /// <summary>
    /// <c>standard_normal()</c>. One 64-bit word gives the layer (low 8 bits), the sign (next bit) and a 52-bit
    /// magnitude; <c>x = magnitude·Wi[layer]</c> is accepted at once when the magnitude is below <c>Ki[layer]</c>
    /// (about 99.3% of draws). Otherwise layer 0 samples the tail beyond r by Marsaglia's exponential method, and the
    /// other layers accept x under the density in the wedge between <c>Fi[layer]</c> and <c>Fi[layer − 1]</c>;
    /// a rejection starts over with a new word.
    /// </summary>
    public double StandardNormal()
    {
        while (true)
        {
            ulong word = BitGenerator.NextUInt64();
            int layer = (int)(word & 0xff);
            word >>= 8;
            bool negative = (word & 1) != 0;
            ulong magnitude = (word >> 1) & 0x000fffffffffffffUL;
            double x = magnitude * ZigguratTables.Wi[layer];
            if (negative) x = -x;
            if (magnitude < ZigguratTables.Ki[layer]) return x;
            if (layer == 0)
            {
                while (true)
                {
                    // 1 − U instead of U keeps the logarithm finite: U can be 0, 1 − U cannot.
                    double xx = -InverseTailStart * GlibcLog1p.Log1p(-BitGenerator.NextDouble());
                    double yy = -GlibcLog1p.Log1p(-BitGenerator.NextDouble());
                    if (yy + yy > xx * xx)
                    {
                        return ((magnitude >> 8) & 1) != 0 ? -(TailStart + xx) : TailStart + xx;
                    }
                }
            }
            double below = ZigguratTables.Fi[layer], above = ZigguratTables.Fi[layer - 1];
            if ((above - below) * BitGenerator.NextDouble() + below < Math.Exp(-0.5 * x * x)) return x;
        }
    }

    private static int CheckedSize(int n) =>
        n >= 0 ? n : throw new ArgumentOutOfRangeException(nameof(n), n, "negative dimensions are not allowed");
}
