using Verification.Core;
using Verification.Laws;
using Verification.Properties.Regularisers.Broken;
using Xunit;

namespace Verification.Properties.Regularisers;

/// <summary>
/// Every regulariser law has teeth: each known-wrong layer of Broken/ goes through the law that must catch it and fails
/// for the reason named. Inputs are fixed; the statistical rejection is certain here (without the rescale the mean is off
/// by p·|x·Wᵀ| = 0.5·|Σc| over 4,000 passes, against a Hoeffding bound of a few percent of it).
/// </summary>
public class RegulariserBrokenTests
{
    private static readonly DropConnectCase Layer = new(4, 12, 6, 0.5, 42, 12345);
    private static readonly StochasticDepthCase Batch = new([8, 3, 2], "row", 0.5, 42, 12345);

    [Fact]
    public void The_expectation_law_rejects_DropConnect_without_the_rescale()
    {
        // All-positive inputs and weights, so every Σc is far from 0 and the shrunk mean shows everywhere.
        Tensor x = NonZeroValues.Of(1, [2, 12]);
        for (int i = 0; i < x.Length; i++) x[i] = Math.Abs(x[i]);
        Rejects(() => DropConnectLaws.CheckExpectationIsDense((i, o, p, g) => Positive(new DropConnectWithoutRescale(i, o, p, g)), x, 6, 0.5, 42,
            passes: 4000), DropConnectLaws.ExpectationIsDense, "mean");
    }

    [Fact]
    public void The_masked_weight_law_rejects_DropConnect_without_the_rescale() =>
        Rejects(() => DropConnectLaws.CheckMaskedWeights((i, o, p, g) => new DropConnectWithoutRescale(i, o, p, g), Layer.X(),
            Layer.Out, Layer.P, Layer.Seed), DropConnectLaws.MaskedWeights, "y");

    [Fact]
    public void The_gradient_law_rejects_DropConnect_that_draws_a_fresh_mask_in_backward() =>
        Rejects(() => DropConnectLaws.CheckGradientThroughMask((i, o, p, g) => new DropConnectWithFreshMaskInBackward(i, o, p, g), Layer.X(),
            Layer.GradOutput(), Layer.Out, Layer.P, Layer.Seed), DropConnectLaws.GradientThroughMask);

    [Fact]
    public void The_gradient_law_rejects_dropout_on_the_activations_instead_of_the_weights() =>
        Rejects(() => DropConnectLaws.CheckGradientThroughMask((i, o, p, g) => new DropConnectOnActivations(i, o, p, g), Layer.X(),
            Layer.GradOutput(), Layer.Out, Layer.P, Layer.Seed), DropConnectLaws.GradientThroughMask, "∂W");

    [Fact]
    public void The_masked_weight_law_rejects_dropout_on_the_activations_instead_of_the_weights() =>
        Rejects(() => DropConnectLaws.CheckMaskedWeights((i, o, p, g) => new DropConnectOnActivations(i, o, p, g), Layer.X(), Layer.Out,
            Layer.P, Layer.Seed), DropConnectLaws.MaskedWeights);

    [Fact]
    public void The_broken_DropConnect_layers_keep_the_mean_or_the_forward_they_do_not_break()
    {
        // The fresh backward mask has a right forward, and dropout on activations still has the dense mean.
        DropConnectLaws.CheckMaskedWeights((i, o, p, g) => new DropConnectWithFreshMaskInBackward(i, o, p, g), Layer.X(), 6, 0.5, 42);
        DropConnectLaws.CheckExpectationIsDense((i, o, p, g) => new DropConnectWithFreshMaskInBackward(i, o, p, g), Layer.X(), 6, 0.5, 42, 500);
        DropConnectLaws.CheckExpectationIsDense((i, o, p, g) => new DropConnectOnActivations(i, o, p, g), Layer.X(), 6, 0.5, 42, 500);
    }

    [Fact]
    public void The_mask_law_rejects_stochastic_depth_without_the_rescale() =>
        Rejects(() => Verification.Laws.DropoutLaws.CheckMaskAndGradient((p, g) => new StochasticDepthWithoutRescale(p, g), Batch.X(),
            Batch.GradOutput(), Batch.P, Batch.Seed, Batch.DrawGroup), Verification.Laws.DropoutLaws.MaskAndGradient, "kept element");

    [Fact]
    public void The_whole_sample_law_rejects_stochastic_depth_with_a_mask_per_element() =>
        Rejects(() => Verification.Laws.DropoutLaws.CheckMaskAndGradient((p, g) => new StochasticDepthPerElement(p, g), Batch.X(),
            Batch.GradOutput(), Batch.P, Batch.Seed, Batch.DrawGroup), Verification.Laws.DropoutLaws.WholeChannels);

    [Fact]
    public void The_draw_law_rejects_mode_batch_drawn_per_sample() =>
        Rejects(() => StochasticDepthLaws.CheckDraws((p, g) => new StochasticDepthBatchDrawnPerSample(p, g), rowMode: false, Batch.X(),
            Batch.P, Batch.Seed), StochasticDepthLaws.Draws);

    [Fact]
    public void The_draw_law_rejects_skipping_the_draw_at_p_one() =>
        Rejects(() => StochasticDepthLaws.CheckDraws((p, g) => new StochasticDepthSkippingTheDrawAtOne(p, g), rowMode: true, Batch.X(), 1,
            Batch.Seed), StochasticDepthLaws.Draws, "draws expected");

    [Fact]
    public void The_eval_law_rejects_stochastic_depth_active_in_eval_mode() =>
        Rejects(() => Verification.Laws.DropoutLaws.CheckEvalIsIdentity((p, g) => new StochasticDepthActiveInEval(p, g), Batch.X(),
            Batch.GradOutput(), Batch.P, Batch.Seed), Verification.Laws.DropoutLaws.EvalIsIdentity, "y must equal x");

    [Fact]
    public void The_broken_stochastic_depth_layers_pass_the_laws_they_do_not_break()
    {
        StochasticDepthLaws.CheckDraws((p, g) => new StochasticDepthSkippingTheDrawAtOne(p, g), rowMode: true, Batch.X(), 0.5, Batch.Seed);
        Verification.Laws.DropoutLaws.CheckMaskAndGradient((p, g) => new StochasticDepthActiveInEval(p, g), Batch.X(), Batch.GradOutput(),
            Batch.P, Batch.Seed, Batch.DrawGroup);
        Verification.Laws.DropoutLaws.CheckMaskAndGradient((p, g) => new StochasticDepthBatchDrawnPerSample(p, g), Batch.X(),
            Batch.GradOutput(), Batch.P, Batch.Seed, Batch.DrawGroup);
    }

    /// <summary>Makes the layer's weights positive, so x·Wᵀ has no cancelling terms.</summary>
    private static IModule Positive(IModule layer)
    {
        foreach (var p in layer.NamedParameters())
        {
            float[] v = p.Parameter.Value.Data;
            for (int i = 0; i < v.Length; i++) v[i] = Math.Abs(v[i]) + 0.05f;
        }
        return layer;
    }

    private static void Rejects(Action check, string law, string reason = "")
    {
        var e = Assert.Throws<LawViolation>(check);
        Assert.Equal(law, e.Law);
        Assert.Contains(reason, e.Message);
    }
}
