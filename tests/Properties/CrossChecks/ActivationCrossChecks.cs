using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Properties.Support;
using Xunit;
using O = Verification.Optimized;
using R = Verification.Reference;
using Tol = Verification.Properties.CrossChecks.CrossCheckTolerances;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// The element-wise activations, driven from one table of (name, Reference, Optimized, forward bound, gradient bound)
/// rows, each run through the same check: any shape (1 to 4 dimensions, lengths around the vector width and 1), values
/// including ±0 and saturating ones (±20, ±88, ±100), two forward/backward rounds per module pair.
/// </summary>
public class ActivationCrossChecks
{
    /// <summary>Per-element bound from (Reference y, Optimized y, g) at index i; null means bit for bit.</summary>
    public delegate double Bound(float[] yRef, float[] yOpt, float[] g, int i);

    /// <summary>One row of the table.</summary>
    public sealed record Row(string Name, Func<IModule> Reference, Func<IModule> Optimized, Bound? Forward, Bound? Gradient)
    {
        public override string ToString() => Name;
    }

    /// <summary>
    /// ReLU is the same comparison in both, so exact; Sigmoid and Tanh use different exp/tanh kernels (see
    /// <see cref="CrossCheckTolerances"/>).
    /// </summary>
    public static readonly Row[] Table =
    [
        new("ReLU", () => new R.ReLU(), () => new O.ReLU(), null, null),
        new("Sigmoid", () => new R.Sigmoid(), () => new O.Sigmoid(),
            (yr, _, _, i) => Tol.TranscendentalRelative * Math.Abs(yr[i]) + Tol.Floor,
            (yr, yo, g, i) =>
            {
                double y = yr[i], dy = Math.Abs(yo[i] - y);
                return Math.Abs(g[i]) * (Math.Abs(1 - 2 * y) * dy + Tol.ActivationGradientRoundings * (1 - y) * y) + Tol.Floor;
            }),
        new("Tanh", () => new R.Tanh(), () => new O.Tanh(),
            (yr, _, _, i) => Tol.TranscendentalRelative * Math.Abs(yr[i]) + Tol.TanhAbsolute,
            (yr, yo, g, i) =>
            {
                double y = yr[i], dy = Math.Abs(yo[i] - y);
                return Math.Abs(g[i]) * (2 * Math.Abs(y) * dy + Tol.ActivationGradientRoundings * (1 - y * y) + Tol.Unit * y * y) + Tol.Floor;
            }),
    ];

    /// <summary>The table's rows by name, for the property's parameter.</summary>
    public static TheoryData<string> Names() => new(Table.Select(r => r.Name));

    private static Arbitrary<(int[] Shape, ulong Seed)> Cases() =>
        (from shape in CrossCheckGen.AnyShape from seed in CrossCheckGen.Seed select (shape, seed)).ToArbitrary();

    [Theory]
    [MemberData(nameof(Names))]
    public void Activation_forward_and_input_gradient_agree(string name)
    {
        Row row = Table.Single(r => r.Name == name);
        Check(row).Check(Config.QuickThrowOnFailure.WithMaxTest(PropertyCounts.Laws));
    }

    /// <summary>The check every row runs; public so a broken row can be shown to fail it.</summary>
    public static Property Check(Row row) =>
        Prop.ForAll(Cases(), c =>
        {
            IModule reference = row.Reference(), optimized = row.Optimized();
            for (int round = 0; round < 2; round++)
            {
                string what = $"{row.Name} on {CrossCheckGen.Text(c.Shape)}, seed {c.Seed}, round {round + 1}";
                Tensor x = CrossCheckGen.ActivationInput(c.Seed + (ulong)round, c.Shape);
                Tensor g = CrossCheckGen.Randn(c.Seed + 50 + (ulong)round, 2f, c.Shape);
                Tensor yRef = reference.Forward(x), yOpt = optimized.Forward(x).Clone();
                if (row.Forward is null) Compare.Exact(yRef, yOpt, $"{what}: y");
                else Agreement.Within(yRef, yOpt, i => row.Forward(yRef.Data, yOpt.Data, g.Data, i), $"{what}: y");
                Tensor dxRef = reference.Backward(g), dxOpt = optimized.Backward(g).Clone();
                if (row.Gradient is null) Compare.Exact(dxRef, dxOpt, $"{what}: ∂x");
                else Agreement.Within(dxRef, dxOpt, i => row.Gradient(yRef.Data, yOpt.Data, g.Data, i), $"{what}: ∂x");
            }
            return true.ToProperty();
        });
}
