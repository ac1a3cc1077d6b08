using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.CrossChecks;
using Verification.Properties.Support;
using Xunit;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.Regularisers;

/// <summary>
/// Edges the generated regulariser cases never reach, on both stacks: DropConnect at p = 1 (ATen's dropout returns
/// <c>W·0</c> without drawing, so the layer is its bias), StochasticDepth's mode "batch" asked about every sample, and
/// an empty batch. Mutation testing of the Reference (docs/reliability.md, "Mutation testing") found each unchecked.
/// </summary>
public class RegulariserEdgeCaseTests
{
    public static TheoryData<string> StackNames() => [.. RegulariserTable.Stacks];

    [Theory]
    [MemberData(nameof(StackNames))]
    public void DropConnect_at_p_one_outputs_the_bias_drops_every_weight_and_draws_nothing(string stack)
    {
        var generator = new TorchGenerator(9);
        IModule layer = RegulariserTable.DropConnect(stack)(5, 3, 1.0, generator);
        TorchGeneratorState afterInit = generator.SaveState();
        float[] weight = layer.NamedParameters().Single(p => p.Name == "weight").Parameter.Value.Data.ToArray();
        Parameter bias = layer.NamedParameters().Single(p => p.Name == "bias").Parameter;
        Tensor x = NonZeroValues.Of(1, [4, 5]), g = NonZeroValues.Of(2, [4, 3]);

        Tensor y = layer.Forward(x).Clone();
        Tensor dx = layer.Backward(g).Clone();

        for (int n = 0; n < 4; n++)
        {
            for (int o = 0; o < 3; o++) Assert.True(y[n * 3 + o] == bias.Value[o], $"{stack}: y[{n}, {o}] = {y[n * 3 + o]:R}, not b[{o}]");
        }
        Assert.All(dx.Data, v => Assert.Equal(0f, v));
        Assert.All(layer.NamedParameters().Single(p => p.Name == "weight").Parameter.Grad.Data, v => Assert.Equal(0f, v));
        for (int o = 0; o < 3; o++)
        {
            Assert.Equal(g[o] + g[3 + o] + g[6 + o] + g[9 + o], bias.Grad[o], 5);
            for (int k = 0; k < 5; k++)
            {
                bool kept = layer is R.DropConnect r ? r.Kept(o, k) : ((O.DropConnect)layer).Kept(o, k);
                Assert.False(kept, $"{stack}: weight ({o}, {k}) kept at p = 1");
            }
        }
        Compare.Exact(weight, layer.NamedParameters().Single(p => p.Name == "weight").Parameter.Value.Data, $"{stack}: W itself is untouched");
        Agreement.SameGeneratorState(generator, WithState(afterInit), $"{stack}: p = 1 draws nothing");
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void StochasticDepth_in_mode_batch_gives_every_sample_the_one_fate(string stack)
    {
        for (ulong seed = 1; seed <= 8; seed++)
        {
            IModule layer = RegulariserTable.StochasticDepth(stack, "batch")(0.5, new TorchGenerator(seed));
            Tensor y = layer.Forward(NonZeroValues.Of(3, [4, 3])).Clone();

            bool first = Kept(layer, 0);
            for (int n = 1; n < 4; n++) Assert.Equal(first, Kept(layer, n));
            Assert.Equal(first, y[11] != 0);
        }
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void StochasticDepth_takes_an_empty_batch_in_training_without_a_draw_per_row(string stack)
    {
        var generator = new TorchGenerator(4);
        TorchGeneratorState before = generator.SaveState();
        IModule layer = RegulariserTable.StochasticDepth(stack, "row")(0.5, generator);

        Tensor y = layer.Forward(new Tensor(0, 3));
        Tensor dx = layer.Backward(new Tensor(0, 3));

        Assert.Equal([0, 3], y.Shape);
        Assert.Equal([0, 3], dx.Shape);
        Agreement.SameGeneratorState(generator, WithState(before), $"{stack}: no row, no draw");
    }

    private static bool Kept(IModule layer, int sample) =>
        layer is R.StochasticDepth r ? r.Kept(sample) : ((O.StochasticDepth)layer).Kept(sample);

    private static TorchGenerator WithState(TorchGeneratorState state)
    {
        var generator = new TorchGenerator(0);
        generator.RestoreState(state);
        return generator;
    }
}
