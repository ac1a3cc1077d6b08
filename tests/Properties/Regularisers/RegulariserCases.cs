using FsCheck;
using FsCheck.Fluent;
using Verification.Core;
using Verification.Core.Random;
using Verification.Laws;
using Verification.Properties.DropoutLaws;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.Regularisers;

/// <summary>The twin factories of the regularisers, by stack name, as the laws take them.</summary>
public static class RegulariserTable
{
    /// <summary>Both stacks, by name.</summary>
    public static readonly string[] Stacks = ["reference", "optimized"];

    /// <summary>DropConnect of the stack named <paramref name="stack"/>.</summary>
    public static DropConnectFactory DropConnect(string stack) => stack == "reference"
        ? (i, o, p, g) => new R.DropConnect(i, o, p, g)
        : (i, o, p, g) => new O.DropConnect(i, o, p, g);

    /// <summary>nn.Linear of the stack named <paramref name="stack"/>.</summary>
    public static LinearFactory Linear(string stack) => stack == "reference"
        ? (i, o, g) => new R.Linear(i, o, g)
        : (i, o, g) => new O.Linear(i, o, g);

    /// <summary>StochasticDepth of the stack named <paramref name="stack"/>, in <paramref name="mode"/>.</summary>
    public static DropoutFactory StochasticDepth(string stack, string mode) => stack == "reference"
        ? (p, g) => new R.StochasticDepth(p, mode, g)
        : (p, g) => new O.StochasticDepth(p, mode, g);
}

/// <summary>Inputs with magnitudes in [0.1, 1.5) and random signs, never 0, so a zero output always means a dropped unit.</summary>
public static class NonZeroValues
{
    /// <summary>A tensor of <paramref name="shape"/> from <paramref name="seed"/>.</summary>
    public static Tensor Of(int seed, int[] shape)
    {
        var g = new TorchGenerator((ulong)(uint)seed);
        var t = new Tensor(shape);
        g.Uniform(t.Data, 0.1, 1.5);
        for (int i = 0; i < t.Length; i++)
        {
            if ((g.Random() & 1) == 1) t[i] = -t[i];
        }
        return t;
    }
}

/// <summary>A DropConnect case: a batch of <c>Rows</c> inputs of <c>In</c> features into <c>Out</c> outputs.</summary>
public sealed record DropConnectCase(int Rows, int In, int Out, double P, ulong Seed, int DataSeed)
{
    /// <summary>x: (Rows, In).</summary>
    public Tensor X() => NonZeroValues.Of(DataSeed, [Rows, In]);

    /// <summary>∂L/∂y: (Rows, Out).</summary>
    public Tensor GradOutput() => NonZeroValues.Of(DataSeed + 1_000_003, [Rows, Out]);

    /// <inheritdoc/>
    public override string ToString() => $"DropConnect({In}, {Out}, p = {P}) on ({Rows}, {In}), seed {Seed}, data seed {DataSeed}";
}

/// <summary>A stochastic-depth case: a shape (dimension 0 the batch), the mode, p and the seeds.</summary>
public sealed record StochasticDepthCase(int[] Shape, string Mode, double P, ulong Seed, int DataSeed)
{
    /// <summary>x.</summary>
    public Tensor X() => NonZeroValues.Of(DataSeed, Shape);

    /// <summary>∂L/∂y.</summary>
    public Tensor GradOutput() => NonZeroValues.Of(DataSeed + 1_000_003, Shape);

    /// <summary>Elements per draw: one sample in mode "row", the whole input in mode "batch".</summary>
    public int DrawGroup => Mode == "row" ? Shape.Skip(1).Aggregate(1, (a, b) => a * b) : Shape.Aggregate(1, (a, b) => a * b);

    /// <inheritdoc/>
    public override string ToString() => $"StochasticDepth(p = {P}, mode {Mode}) on {Shapes.Format(Shape)}, seed {Seed}, data seed {DataSeed}";
}

/// <summary>The FsCheck generators of the regulariser properties.</summary>
public static class RegulariserArbitraries
{
    /// <summary>Small layers (up to 4 rows, 24 inputs, 10 outputs, plus a wide one), p from the dropout grid.</summary>
    public static Arbitrary<DropConnectCase> DropConnectCases() =>
        DropConnectCases(Gen.Elements((3, 70, 33), (1, 1, 1), (40, 5, 17))).ToArbitrary();

    /// <summary>DropConnect cases: mostly small layers, one in nine an edge shape from <paramref name="edges"/>.</summary>
    internal static Gen<DropConnectCase> DropConnectCases(Gen<(int, int, int)> edges) =>
        from size in Gen.Frequency(
            (8, from n in Gen.Choose(1, 4) from i in Gen.Choose(1, 24) from o in Gen.Choose(1, 10) select (n, i, o)),
            (1, edges))
        from p in Gen.Elements(DropoutArbitraries.ProbabilityGrid)
        from seed in DropoutArbitraries.Seeds()
        from data in Gen.Choose(0, int.MaxValue)
        select new DropConnectCase(size.Item1, size.Item2, size.Item3, p, seed, data);

    /// <summary>Shapes of rank 1 to 4 with up to 600 elements, both modes, p from the dropout grid.</summary>
    public static Arbitrary<StochasticDepthCase> StochasticDepthCases() =>
        (from shape in DropoutArbitraries.Shapes(1, 4, 600)
         from mode in Gen.Elements("row", "batch")
         from p in Gen.Elements(DropoutArbitraries.ProbabilityGrid)
         from seed in DropoutArbitraries.Seeds()
         from data in Gen.Choose(0, int.MaxValue)
         select new StochasticDepthCase(shape, mode, p, seed, data)).ToArbitrary();
}

/// <summary>The generator of the DropConnect gradient check (FsCheck takes one generator per type from a class).</summary>
public static class DropConnectGradientArbitraries
{
    /// <summary>
    /// The small DropConnect layers of <see cref="RegulariserArbitraries"/> for the centred-difference check, whose cost
    /// grows as rows · (in · out)²: each of the in · out + out parameters is perturbed twice, and every perturbation reruns
    /// the forward pass. The wide layer (3, 70, 33) alone cost 10⁴ forward passes of 7·10³ products, most of the
    /// property's time, and checks no formula the small layers do not: the Reference loop has no vector width to cross.
    /// </summary>
    public static Arbitrary<DropConnectCase> DropConnectGradientCases() =>
        RegulariserArbitraries.DropConnectCases(Gen.Elements((1, 1, 1), (40, 5, 17))).ToArbitrary();
}
