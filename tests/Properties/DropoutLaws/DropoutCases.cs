using FsCheck;
using FsCheck.Fluent;
using Verification.Core;
using Verification.Core.Random;

namespace Verification.Properties.DropoutLaws;

/// <summary>
/// One generated dropout case: a shape, a drop probability, the seed of the generator the masks come from, and the
/// seed of the input values. The input is rebuilt from <see cref="DataSeed"/>, so a failing case prints in one line
/// and replays exactly.
/// </summary>
public abstract record DropoutCase(int[] Shape, double P, ulong Seed, int DataSeed)
{
    /// <summary>The number of elements.</summary>
    public int Length
    {
        get
        {
            int n = 1;
            foreach (int d in Shape) n *= d;
            return n;
        }
    }

    /// <summary>
    /// The input: magnitudes uniform in [0.1, 2) with random signs, never zero, so a zero output always means
    /// a dropped unit, and bounded, so every product stays finite.
    /// </summary>
    public Tensor X() => Values(DataSeed, 0.1, 2.0);

    /// <summary>An upstream gradient of the same shape, drawn like <see cref="X"/> from another stream.</summary>
    public Tensor GradOutput() => Values(DataSeed + 1_000_003, 0.1, 2.0);

    /// <summary>The generator the layer draws its masks from, seeded as <c>torch.manual_seed(Seed)</c>.</summary>
    public TorchGenerator Generator() => new(Seed);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{GetType().Name}(shape {Shapes.Format(Shape)}, p = {P}, seed {Seed}, data seed {DataSeed})";

    private Tensor Values(int seed, double low, double high)
    {
        var g = new TorchGenerator((ulong)(uint)seed);
        var t = new Tensor(Shape);
        g.Uniform(t.Data, low, high);
        for (int i = 0; i < t.Length; i++)
        {
            if ((g.Random() & 1) == 1) t[i] = -t[i];
        }
        return t;
    }
}

/// <summary>Rank 1…4 with up to 600 elements: the statistical properties run 2000 passes of each.</summary>
public sealed record MomentCase(int[] Shape, double P, ulong Seed, int DataSeed) : DropoutCase(Shape, P, Seed, DataSeed);

/// <summary>(N, C, H, W) or (N, C, L) with up to 600 elements, for the statistical properties of Dropout2d.</summary>
public sealed record ChannelMomentCase(int[] Shape, double P, ulong Seed, int DataSeed) : DropoutCase(Shape, P, Seed, DataSeed);

/// <summary>The FsCheck generators of the dropout properties (register with <c>Arbitrary = [typeof(DropoutArbitraries)]</c>).</summary>
public static class DropoutArbitraries
{
    /// <summary>
    /// Drop probabilities, deliberately spread far from 0.5: at p = 0.5 keeping and dropping are symmetric, so a
    /// layer that confuses p with the keep probability would pass every test run there.
    /// </summary>
    public static readonly double[] ProbabilityGrid = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9];

    /// <summary>Seeds: a few the documents use (0, 7, 42) and arbitrary 32-bit ones.</summary>
    public static Gen<ulong> Seeds() =>
        Gen.OneOf(Gen.Elements(0UL, 7UL, 42UL, 123456789UL), Gen.Choose(0, int.MaxValue).Select(s => (ulong)s));

    /// <summary>
    /// A shape of rank in [<paramref name="minRank"/>, <paramref name="maxRank"/>] with at most <paramref name="maxElements"/>
    /// elements.
    /// </summary>
    public static Gen<int[]> Shapes(int minRank, int maxRank, int maxElements) =>
        Gen.Choose(minRank, maxRank).SelectMany(rank =>
        {
            int maxDim = Math.Max(1, (int)Math.Floor(Math.Pow(maxElements, 1.0 / rank) + 1e-9));
            return Gen.ArrayOf(Gen.Choose(1, maxDim), rank);
        });

    public static Arbitrary<MomentCase> MomentCases() =>
        Cases(Shapes(1, 4, 600), (s, p, seed, data) => new MomentCase(s, p, seed, data));

    public static Arbitrary<ChannelMomentCase> ChannelMomentCases() =>
        Cases(Shapes(3, 4, 600), (s, p, seed, data) => new ChannelMomentCase(s, p, seed, data));

    private static Arbitrary<T> Cases<T>(Gen<int[]> shapes, Func<int[], double, ulong, int, T> make) =>
        (from shape in shapes
         from p in Gen.Elements(ProbabilityGrid)
         from seed in Seeds()
         from data in Gen.Choose(0, int.MaxValue)
         select make(shape, p, seed, data)).ToArbitrary();
}
