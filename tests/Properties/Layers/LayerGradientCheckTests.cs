using FsCheck.Xunit;
using Verification.Core;
using Verification.Properties.Support;
using Verification.Reference;

namespace Verification.Properties.Layers;

/// <summary>Backward agrees with centred differences of Forward (input and every parameter) over generated shapes and seeds.</summary>
public class LayerGradientCheckTests
{
    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LayerArbitraries)])]
    public void Linear_backward_matches_centred_differences(LayerCase c)
    {
        var layer = new Linear(c.InFeatures, c.OutFeatures, c.Generator());
        GradientCheck.Module(layer, c.X(), c.GradOutput(c.OutFeatures), what: $"Linear {c}");
    }

    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LayerArbitraries)])]
    public void Linear_without_bias_backward_matches_centred_differences(LayerCase c)
    {
        var layer = new Linear(c.InFeatures, c.OutFeatures, c.Generator(), bias: false);
        GradientCheck.Module(layer, c.X(), c.GradOutput(c.OutFeatures), what: $"Linear(bias: false) {c}");
    }

    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LayerArbitraries)])]
    public void ReLU_backward_matches_centred_differences_away_from_the_kink(LayerCase c) =>
        GradientCheck.Module(new ReLU(), c.AwayFromZero(), c.GradOutput(c.InFeatures), what: $"ReLU {c}");

    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LayerArbitraries)])]
    public void Sigmoid_backward_matches_centred_differences(LayerCase c) =>
        GradientCheck.Module(new Sigmoid(), c.X(), c.GradOutput(c.InFeatures), what: $"Sigmoid {c}");

    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LayerArbitraries)])]
    public void Tanh_backward_matches_centred_differences(LayerCase c) =>
        GradientCheck.Module(new Tanh(), c.X(), c.GradOutput(c.InFeatures), what: $"Tanh {c}");

    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LayerArbitraries)])]
    public void BatchNorm1d_training_backward_matches_centred_differences_through_the_batch_statistics(LayerCase c)
    {
        BatchNorm1d layer = RandomAffine(c);
        GradientCheck.Module(layer, c.SpreadRows(), c.GradOutput(c.InFeatures), what: $"BatchNorm1d train {c}");
    }

    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LayerArbitraries)])]
    public void BatchNorm1d_eval_backward_matches_centred_differences(LayerCase c)
    {
        BatchNorm1d layer = RandomAffine(c);
        c.Uniform(5, -1, 1, c.InFeatures).Data.CopyTo(layer.RunningMean.Data, 0);
        c.Uniform(6, 0.5, 2, c.InFeatures).Data.CopyTo(layer.RunningVar.Data, 0);
        layer.Eval();
        GradientCheck.Module(layer, c.X(), c.GradOutput(c.InFeatures), what: $"BatchNorm1d eval {c}");
    }

    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LayerArbitraries)])]
    public void Sequential_of_Linear_Tanh_Linear_backward_matches_centred_differences(LayerCase c)
    {
        var g = c.Generator();
        var model = new Sequential(new Linear(c.InFeatures, 5, g), new Tanh(), new Linear(5, c.OutFeatures, g));
        GradientCheck.Module(model, c.X(), c.GradOutput(c.OutFeatures), what: $"Sequential {c}");
    }

    /// <summary>γ in [0.5, 2) and β in [−1, 1) so the check sees the affine part (ones and zeros would hide a swapped γ/β).</summary>
    private static BatchNorm1d RandomAffine(LayerCase c)
    {
        var layer = new BatchNorm1d(c.InFeatures);
        c.Uniform(3, 0.5, 2, c.InFeatures).Data.CopyTo(layer.Weight.Value.Data, 0);
        c.Uniform(4, -1, 1, c.InFeatures).Data.CopyTo(layer.Bias.Value.Data, 0);
        return layer;
    }
}
