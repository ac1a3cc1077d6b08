using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Optimized;

/// <summary>Dropout's contract beyond the golden cases: argument checks, and which modes draw random numbers.</summary>
public class DropoutContractTests
{
    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    public void Dropout_rejects_a_probability_outside_zero_to_one_with_PyTorchs_message(double p)
    {
        foreach (var name in Stacks.Names())
        {
            var stack = Stacks.ByName(name);
            var e1 = Assert.ThrowsAny<ArgumentException>(() => stack.Dropout(p, new TorchGenerator(0)));
            var e2 = Assert.ThrowsAny<ArgumentException>(() => stack.Dropout2d(p, new TorchGenerator(0)));
            string expected = $"dropout probability has to be between 0 and 1, but got {p.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            Assert.Contains(expected, e1.Message);
            Assert.Contains(expected, e2.Message);
            Assert.Equal("p", e1.ParamName);
        }
    }

    /// <summary>Eval mode, p = 0 and p = 1 draw nothing: the generator's next word is unchanged.</summary>
    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Eval_mode_and_p_zero_or_one_draw_no_random_numbers() =>
        Prop.ForAll(Gen.Choose(1, 300).ToArbitrary(), Gen.Elements(0.0, 0.5, 1.0).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (n, p, eval) =>
        {
            if (!eval && p == 0.5) return true.ToProperty(); // training with 0 < p < 1 must draw; covered by the golden tests
            var g = new TorchGenerator(7);
            var reference = new TorchGenerator(7);
            var layer = Stacks.ByName("optimized").Dropout(p, g);
            if (eval) layer.SetTraining(false);
            var x = Tensor.Ones(n);
            var y = layer.Forward(x);
            bool identity = eval || p == 0 ? y.Data.SequenceEqual(x.Data) : y.Data.All(v => v == 0);
            return (g.Random() == reference.Random()).Label("no words drawn").And(identity.Label("identity, or zeros at p = 1"));
        });
}
