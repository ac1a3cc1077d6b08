using FsCheck;
using FsCheck.Fluent;
using Verification.Core;
using Verification.Core.Random;
using Verification.Laws;
using Verification.Properties.DropoutLaws;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.DropoutFamily;

/// <summary>
/// One layer of the dropout family: its twin factories, whether it applies alpha dropout's affine correction, the ranks
/// it takes, and how many draws a shape gets (one per element, or one per (sample, channel), unbatched inputs counting
/// as one sample).
/// </summary>
public sealed record FamilyRow(string Name, DropoutFactory Reference, DropoutFactory Optimized, bool Alpha, int MinRank, int MaxRank,
    Func<int[], int> Groups)
{
    /// <summary>The factory of the stack named <paramref name="stack"/> ("reference" or "optimized").</summary>
    public DropoutFactory For(string stack) => stack == "reference" ? Reference : Optimized;

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>The dropout family's rows; a new variant is one more row.</summary>
public static class FamilyTable
{
    /// <summary>Both stacks, by name.</summary>
    public static readonly string[] Stacks = ["reference", "optimized"];

    /// <summary>Dropout1d, Dropout3d, AlphaDropout and FeatureAlphaDropout.</summary>
    public static readonly FamilyRow[] Rows =
    [
        new("Dropout1d", (p, g) => new R.Dropout1d(p, g), (p, g) => new O.Dropout1d(p, g), Alpha: false, MinRank: 2, MaxRank: 3,
            Groups: s => s.Length == 3 ? s[0] * s[1] : s[0]),
        new("Dropout3d", (p, g) => new R.Dropout3d(p, g), (p, g) => new O.Dropout3d(p, g), Alpha: false, MinRank: 4, MaxRank: 5,
            Groups: s => s.Length == 5 ? s[0] * s[1] : s[0]),
        new("AlphaDropout", (p, g) => new R.AlphaDropout(p, g), (p, g) => new O.AlphaDropout(p, g), Alpha: true, MinRank: 1, MaxRank: 4,
            Groups: s => s.Aggregate(1, (a, b) => a * b)),
        new("FeatureAlphaDropout", (p, g) => new R.FeatureAlphaDropout(p, g), (p, g) => new O.FeatureAlphaDropout(p, g), Alpha: true,
            MinRank: 2, MaxRank: 4, Groups: s => s[0] * s[1]),
    ];

    /// <summary>The row named <paramref name="name"/>.</summary>
    public static FamilyRow Row(string name) => Rows.Single(r => r.Name == name);
}

/// <summary>
/// A generated case for one row: a shape of a rank the row takes, p, the mask seed and the data seed. Inputs have
/// magnitudes in [0.1, 1.5) with random signs: never 0 (a zero output then always means a dropped unit) and never near
/// SELU's α′ ≈ −1.758, where a kept alpha-dropout unit a·x + b₁ would equal the dropped constant.
/// </summary>
public sealed record FamilyCase(FamilyRow Row, int[] Shape, double P, ulong Seed, int DataSeed)
{
    /// <summary>The input.</summary>
    public Tensor X() => Values(DataSeed);

    /// <summary>An upstream gradient of the same shape, from another stream.</summary>
    public Tensor GradOutput() => Values(DataSeed + 1_000_003);

    /// <summary>The number of draws the row makes for this shape.</summary>
    public int Groups => Row.Groups(Shape);

    /// <inheritdoc/>
    public override string ToString() => $"{Row.Name}(shape {Shapes.Format(Shape)}, p = {P}, seed {Seed}, data seed {DataSeed})";

    private Tensor Values(int seed)
    {
        var g = new TorchGenerator((ulong)(uint)seed);
        var t = new Tensor(Shape);
        g.Uniform(t.Data, 0.1, 1.5);
        for (int i = 0; i < t.Length; i++)
        {
            if ((g.Random() & 1) == 1) t[i] = -t[i];
        }
        return t;
    }
}

/// <summary>The FsCheck generators of the family's properties.</summary>
public static class FamilyArbitraries
{
    /// <summary>A row, then a shape of a rank it takes with up to 2000 elements.</summary>
    public static Arbitrary<FamilyCase> FamilyCases() =>
        (from row in Gen.Elements(FamilyTable.Rows)
         from shape in DropoutArbitraries.Shapes(row.MinRank, row.MaxRank, 2000)
         from p in Gen.Elements(DropoutArbitraries.ProbabilityGrid)
         from seed in DropoutArbitraries.Seeds()
         from data in Gen.Choose(0, int.MaxValue)
         select new FamilyCase(row, shape, p, seed, data)).ToArbitrary();
}
