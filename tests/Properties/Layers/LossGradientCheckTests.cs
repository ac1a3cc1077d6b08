using FsCheck.Xunit;
using Verification.Core;
using Verification.Properties.Support;
using Verification.Reference;

namespace Verification.Properties.Layers;

/// <summary>Each loss's Backward agrees with centred differences of its Forward.</summary>
public class LossGradientCheckTests
{
    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LayerArbitraries)])]
    public void MSELoss_gradient_matches_centred_differences(LayerCase c) =>
        GradientCheck.Loss(new MSELoss(), c.X(), c.Uniform(7, -2, 2, c.N, c.InFeatures), $"MSELoss {c}");

    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LayerArbitraries)])]
    public void BCEWithLogitsLoss_gradient_matches_centred_differences(LayerCase c) =>
        GradientCheck.Loss(new BCEWithLogitsLoss(), c.X(), c.Uniform(7, 0, 1, c.N, c.InFeatures), $"BCEWithLogitsLoss {c}");

    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LayerArbitraries)])]
    public void CrossEntropyLoss_gradient_matches_centred_differences(LayerCase c)
    {
        var target = new Tensor(c.N);
        var g = c.Generator();
        for (int row = 0; row < c.N; row++) target[row] = g.Random() % (uint)c.InFeatures;
        GradientCheck.Loss(new CrossEntropyLoss(), c.X(), target, $"CrossEntropyLoss {c}");
    }
}
