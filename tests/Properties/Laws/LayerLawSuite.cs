using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Properties.Layers;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Laws;

using Verification.Laws;

/// <summary>
/// The laws of <see cref="LayerLaws"/> and <see cref="LossLaws"/>, each a property over its rows of
/// <see cref="LawTable"/> on both stacks, and the stack-wide naming laws over both <see cref="IStack"/>s.
/// </summary>
public class LayerLawSuite
{
    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LayerArbitraries)])]
    public void Backward_adds_into_parameter_gradients_as_PyTorch_accumulates(LayerCase c)
    {
        foreach (TwinRow<LinearFactory> row in LawTable.ParameterLayers)
        {
            foreach (Stack stack in LawTable.Stacks)
            {
                IModule layer = row.For(stack)(c.InFeatures, c.OutFeatures, c.Generator());
                int outFeatures = layer.Forward(c.X()).Size(-1);
                LayerLaws.CheckBackwardAccumulates(layer, c.X(), c.GradOutput(outFeatures), c.Seed);
            }
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LayerArbitraries)])]
    public void Linear_treats_the_leading_dimensions_of_its_input_as_rows(LayerCase c)
    {
        int a = 1 + (int)(c.Seed % 3);
        Tensor x = c.Uniform(11, -2, 2, a, c.N, c.InFeatures), g = c.Uniform(12, -1, 1, a, c.N, c.OutFeatures);
        foreach (TwinRow<LinearFactory> row in LawTable.Linears)
        {
            foreach (Stack stack in LawTable.Stacks) LayerLaws.CheckLeadingDimensionsAreRows(row.For(stack), x, g, c.OutFeatures, c.Seed);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LayerArbitraries)])]
    public void BatchNorm1d_on_N_C_L_normalises_each_channel_over_N_times_L_values(LayerCase c)
    {
        Tensor x = c.Uniform(13, -2, 2, c.N, c.InFeatures, c.OutFeatures), g = c.Uniform(14, -1, 1, c.N, c.InFeatures, c.OutFeatures);
        foreach (TwinRow<BatchNormFactory> row in LawTable.BatchNorms)
        {
            foreach (Stack stack in LawTable.Stacks) LayerLaws.CheckLengthIsMoreRows(row.For(stack), x, g, c.Seed);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LayerArbitraries)])]
    public void BatchNorm1d_in_training_mode_outputs_zero_mean_per_feature_and_updates_running_statistics_by_momentum(LayerCase c)
    {
        foreach (TwinRow<BatchNormFactory> row in LawTable.BatchNorms)
        {
            foreach (Stack stack in LawTable.Stacks) LayerLaws.CheckBatchNormTraining(row.For(stack), c.X(), c.Seed);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LayerArbitraries)])]
    public void BatchNorm1d_in_eval_mode_is_affine_deterministic_and_leaves_the_running_statistics_alone(LayerCase c)
    {
        foreach (TwinRow<BatchNormFactory> row in LawTable.BatchNorms)
        {
            foreach (Stack stack in LawTable.Stacks)
            {
                LayerLaws.CheckBatchNormEval(row.For(stack), c.X(), c.Uniform(8, -2, 2, c.N, c.InFeatures), c.Seed);
            }
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LayerArbitraries)])]
    public void CrossEntropyLoss_is_unchanged_by_adding_a_constant_to_a_row_of_logits(LayerCase c)
    {
        var target = new Tensor(c.N);
        for (int row = 0; row < c.N; row++) target[row] = row % c.InFeatures;
        foreach (TwinRow<Func<ILoss>> row in LawTable.CrossEntropies)
        {
            foreach (Stack stack in LawTable.Stacks) LossLaws.CheckCrossEntropyShiftInvariance(row.For(stack), c.X(), target, c.Seed);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property BCEWithLogitsLoss_is_finite_and_non_negative_for_any_logit_up_to_1e4()
    {
        var cases = from logit in Gen.Choose(-10_000, 10_000).Select(v => (float)v)
                    from target in Gen.Elements(0f, 0.25f, 1f)
                    select (logit, target);
        return Prop.ForAll(cases.ToArbitrary(), pair =>
        {
            foreach (TwinRow<Func<ILoss>> row in LawTable.LogitLosses)
            {
                foreach (Stack stack in LawTable.Stacks) LossLaws.CheckBceIsFinite(row.For(stack), pair.logit, pair.target);
            }
        });
    }

    [Fact]
    public void ReLU_gradient_at_exactly_zero_is_zero_as_in_PyTorch()
    {
        foreach (TwinRow<Func<IModule>> row in LawTable.ReLUs)
        {
            foreach (Stack stack in LawTable.Stacks) LayerLaws.CheckReluGradientAtZero(row.For(stack));
        }
    }

    public static TheoryData<Stack> Stacks() => new(LawTable.Stacks);

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Sequential_names_parameters_and_buffers_by_position_like_PyTorch(Stack stack)
    {
        IStack s = LawTable.Of(stack);
        var g = new Core.Random.TorchGenerator(0);
        IModule last = s.Linear(4, 2, g, bias: false);
        IModule model = s.Sequential(s.Linear(3, 4, g), s.ReLU(), s.BatchNorm1d(4), last);
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "3.weight"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(["2.running_mean", "2.running_var", "2.num_batches_tracked"], model.NamedBuffers().Select(b => b.Name));
        Assert.Same(last.NamedParameters().Single().Parameter, model.NamedParameters().Last().Parameter);
    }

    [Theory]
    [MemberData(nameof(Stacks))]
    public void Sequential_SetTraining_reaches_every_layer(Stack stack)
    {
        IStack s = LawTable.Of(stack);
        IModule[] layers = [s.BatchNorm1d(2), s.Tanh(), s.Dropout(0.5, new Core.Random.TorchGenerator(0))];
        IModule model = s.Sequential(layers);
        model.Eval();
        Assert.All(layers, l => Assert.False(l.IsTraining));
        model.Train();
        Assert.All(layers, l => Assert.True(l.IsTraining));
    }
}
