using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.Laws;

using Verification.Laws;

/// <summary>
/// Dropout's contract beyond the laws, on both stacks: which modes draw random numbers, and the <c>Kept(int)</c> test
/// hook both stacks' Dropout and Dropout2d share (one name, one meaning: whether the latest Forward passed that element,
/// or that (n, c) plane, through).
/// </summary>
public class DropoutContractTests
{
    /// <summary>
    /// Eval mode, p = 0 and p = 1 draw nothing and give the identity or zeros; training with 0 &lt; p &lt; 1 draws
    /// exactly one double (two 32-bit words) per unit and gives each element 0 or x/(1 − p).
    /// </summary>
    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Only_training_with_p_strictly_between_zero_and_one_draws_one_double_per_unit() =>
        Prop.ForAll(
            (from n in Gen.Choose(1, 300)
             from p in Gen.Elements(0.0, 0.5, 1.0)
             from eval in Gen.Elements(true, false)
             from row in Gen.Elements(LawTable.Dropouts)
             from stack in Gen.Elements(LawTable.Stacks)
             select (n, p, eval, row, stack)).ToArbitrary(), c =>
        {
            (int n, double p, bool eval, DropoutRow row, Stack stack) = c;
            int[] shape = row.OneElementPerDraw(n);
            var g = new TorchGenerator(7);
            var replay = new TorchGenerator(7);
            IModule layer = row.For(stack)(p, g);
            if (eval) layer.SetTraining(false);
            Tensor x = Tensor.Ones(shape);
            float[] y = layer.Forward(x).Data;
            bool draws = !eval && p == 0.5;
            if (draws)
            {
                for (int i = 0; i < n; i++) replay.NextDouble();
            }
            // In training at 0 < p < 1 each element must be the one PyTorch's bernoulli_(1 − p) picks, not merely 0 or
            // x/(1 − p): an all-zero output would pass that.
            var mask = new float[n];
            if (draws) new TorchGenerator(7).Bernoulli(mask, 1 - p);
            bool values = eval || p == 0 ? y.SequenceEqual(x.Data)
                : p == 1 ? y.All(v => v == 0)
                : y.Select((v, i) => v == (mask[i] != 0 ? 1f / (float)(1 - p) : 0)).All(same => same);
            return (g.Random() == replay.Random()).Label($"{stack} {row}: {(draws ? "one double per unit" : "no words")} drawn")
                .And(values.Label("identity, zeros at p = 1, or 0 or x/(1 − p) per element"))
                .Classify(draws, "draws");
        });

    public static Xunit.TheoryData<string> Layers() => new() { "R.Dropout", "O.Dropout", "R.Dropout2d", "O.Dropout2d" };

    private static (IModule Layer, Func<int, bool> Kept) Build(string name, double p, TorchGenerator g)
    {
        switch (name)
        {
            case "R.Dropout": { var l = new R.Dropout(p, g); return (l, l.Kept); }
            case "O.Dropout": { var l = new O.Dropout(p, g); return (l, l.Kept); }
            case "R.Dropout2d": { var l = new R.Dropout2d(p, g); return (l, l.Kept); }
            default: { var l = new O.Dropout2d(p, g); return (l, l.Kept); }
        }
    }

    [Xunit.Theory]
    [Xunit.MemberData(nameof(Layers))]
    public void Kept_is_what_PyTorch_draws_bernoulli_of_one_minus_p_in_row_major_order(string name)
    {
        int[] shape = [3, 5, 4];
        int units = name.EndsWith("2d", StringComparison.Ordinal) ? 15 : 60;
        foreach (double p in new[] { 0.1, 0.3, 0.7 })
        {
            (IModule layer, Func<int, bool> kept) = Build(name, p, new TorchGenerator(42));
            Xunit.Assert.Throws<InvalidOperationException>(() => kept(0));
            layer.Forward(Tensor.Ones(shape));
            var draws = new float[units];
            new TorchGenerator(42).Bernoulli(draws, 1 - p);
            for (int i = 0; i < units; i++)
            {
                Xunit.Assert.True((draws[i] != 0) == kept(i), $"{name}, p = {p}: unit {i}: bernoulli_(1 − p) drew {draws[i]}");
            }
            Xunit.Assert.Throws<ArgumentOutOfRangeException>(() => kept(units));

            layer.SetTraining(false);
            layer.Forward(Tensor.Ones(shape));
            Xunit.Assert.All(Enumerable.Range(0, units), i => Xunit.Assert.True(kept(i), $"{name}: after an identity pass every unit is kept"));
        }
        (IModule all, Func<int, bool> none) = Build(name, 1, new TorchGenerator(42));
        all.Forward(Tensor.Ones(shape));
        Xunit.Assert.All(Enumerable.Range(0, units), i => Xunit.Assert.False(none(i), $"{name}: after a p = 1 pass no unit is kept"));
    }
}
