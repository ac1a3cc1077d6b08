using FsCheck;
using FsCheck.Fluent;
using Verification.Core;
using Verification.Properties.DropoutLaws;

namespace Verification.Properties.Laws;

/// <summary>A dropout case for one row of <see cref="LawTable.Dropouts"/>, run on both stacks.</summary>
public sealed record DropoutLawCase(DropoutRow Row, int[] Shape, double P, ulong Seed, int DataSeed) : DropoutCase(Shape, P, Seed, DataSeed)
{
    /// <summary>How many consecutive elements of x share one draw.</summary>
    public int ChannelSize(Tensor x) => Row.ChannelSize(x);

    /// <inheritdoc/>
    public override string ToString() => $"{Row.Name}(shape {Shapes.Format(Shape)}, p = {P}, seed {Seed}, data seed {DataSeed})";
}

/// <summary>
/// A statistical dropout case: one row and ONE stack, so that the statistical budget (thousands of passes a case) is
/// shared between the stacks rather than doubled.
/// </summary>
public sealed record DropoutMomentCase(DropoutRow Row, Stack Stack, int[] Shape, double P, ulong Seed, int DataSeed)
    : DropoutCase(Shape, P, Seed, DataSeed)
{
    /// <summary>How many consecutive elements of x share one draw.</summary>
    public int ChannelSize(Tensor x) => Row.ChannelSize(x);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Stack} {Row.Name}(shape {Shapes.Format(Shape)}, p = {P}, seed {Seed}, data seed {DataSeed})";
}

/// <summary>A dropout case of at most 48 elements for one row: a centred-difference check costs 2·n forward passes.</summary>
public sealed record DropoutGradientCase(DropoutRow Row, int[] Shape, double P, ulong Seed, int DataSeed)
    : DropoutCase(Shape, P, Seed, DataSeed)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Row.Name}(shape {Shapes.Format(Shape)}, p = {P}, seed {Seed}, data seed {DataSeed})";
}

/// <summary>The FsCheck generators of the law suites (register with <c>Arbitrary = [typeof(LawArbitraries)]</c>).</summary>
public static class LawArbitraries
{
    /// <summary>A row of the dropout table, then a shape of a rank it takes with up to 3000 elements.</summary>
    public static Arbitrary<DropoutLawCase> DropoutLawCases() =>
        (from row in Gen.Elements(LawTable.Dropouts)
         from shape in DropoutArbitraries.Shapes(row.MinRank, row.MaxRank, 3000)
         from p in Gen.Elements(DropoutArbitraries.ProbabilityGrid)
         from seed in DropoutArbitraries.Seeds()
         from data in Gen.Choose(0, int.MaxValue)
         select new DropoutLawCase(row, shape, p, seed, data)).ToArbitrary();

    /// <summary>A row of the dropout table and a shape of a rank it takes with up to 48 elements.</summary>
    public static Arbitrary<DropoutGradientCase> DropoutGradientCases() =>
        (from row in Gen.Elements(LawTable.Dropouts)
         from shape in DropoutArbitraries.Shapes(row.MinRank, row.MaxRank, 48)
         from p in Gen.Elements(DropoutArbitraries.ProbabilityGrid)
         from seed in DropoutArbitraries.Seeds()
         from data in Gen.Choose(0, int.MaxValue)
         select new DropoutGradientCase(row, shape, p, seed, data)).ToArbitrary();

    /// <summary>A row, a stack, and a shape with up to 600 elements: the statistical law runs 2000 passes of each.</summary>
    public static Arbitrary<DropoutMomentCase> DropoutMomentCases() =>
        (from row in Gen.Elements(LawTable.Dropouts)
         from stack in Gen.Elements(LawTable.Stacks)
         from shape in DropoutArbitraries.Shapes(row.MinRank, row.MaxRank, 600)
         from p in Gen.Elements(DropoutArbitraries.ProbabilityGrid)
         from seed in DropoutArbitraries.Seeds()
         from data in Gen.Choose(0, int.MaxValue)
         select new DropoutMomentCase(row, stack, shape, p, seed, data)).ToArbitrary();
}
