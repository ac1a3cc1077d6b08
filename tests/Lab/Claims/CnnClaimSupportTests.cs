using Shouldly;
using Verification.Core;
using Verification.Core.Random;
using Verification.Core.Scripts;
using Verification.Experiments.Cnn;
using Xunit;

namespace Verification.Lab.Tests.Claims;

/// <summary>
/// What the digits-CNN claims are computed with: the seed statistics their rules use, the softmax head MC dropout is
/// measured through, and loading a run's weights into a fresh model.
/// </summary>
public sealed class CnnClaimSupportTests
{
    [Fact]
    public void A_seed_summary_is_the_mean_and_the_sample_standard_deviation()
    {
        var s = SeedSummary.Of([1.0, 2.0, 3.0, 4.0, 5.0]);
        s.Mean.ShouldBe(3.0);
        s.StandardDeviation.ShouldBe(Math.Sqrt(2.5), 1e-15); // Σ(x − 3)² = 10, divided by n − 1 = 4
        s.StandardError.ShouldBe(Math.Sqrt(2.5 / 5), 1e-15);
        SeedSummary.DifferenceError(s, s).ShouldBe(Math.Sqrt(2 * 2.5 / 5), 1e-15);
    }

    [Fact]
    public void A_seed_summary_of_one_seed_is_refused_naming_the_count()
    {
        var e = Should.Throw<ArgumentException>(() => SeedSummary.Of([0.9]));
        e.ParamName.ShouldBe("values");
        e.Message.ShouldContain("at least 2 seeds, but got 1");
    }

    [Fact]
    public void The_softmax_head_gives_rows_of_probabilities_in_the_logits_order_and_refuses_backward()
    {
        var head = new SoftmaxOutput(new Fixed(new Tensor([2f, 0f, -1f, 1000f, 1000f, 0f], 2, 3)));
        var p = head.Forward(new Tensor(2, 3));
        (p[0, 0] + p[0, 1] + p[0, 2]).ShouldBe(1f, 1e-6f);
        p[0, 0].ShouldBe((float)(Math.Exp(2) / (Math.Exp(2) + 1 + Math.Exp(-1))), 1e-7f);
        p[1, 0].ShouldBe(0.5f, 1e-7f); // max-subtracted: 1000 does not overflow
        p[1, 2].ShouldBe(0f, 1e-30f);
        head.Children().ShouldHaveSingleItem();
        Should.Throw<NotSupportedException>(() => head.Backward(p));
    }

    [Fact]
    public void A_loaded_run_predicts_as_the_trained_model_does()
    {
        var stack = Stacks.Optimized;
        var trained = CnnDigitsScript.Run(stack, new CnnDigitsScript.Settings(Epochs: 1, Dropout: ConvDropout.Dropout2d));
        float[][] weights = trained.Model.Parameters().Select(q => q.Value.Data.ToArray()).ToArray();
        var run = new CnnRun(ConvDropout.Dropout2d, 0.2, 0, trained.History, weights);
        var loaded = CnnDropoutRuns.Load(stack, run, maskSeed: 7);
        loaded.IsTraining.ShouldBeFalse();
        var x = trained.Data.ValidationImages;
        loaded.Forward(x).Data.ShouldBe(trained.Model.Forward(x).Data.ToArray());
        loaded.Forward(x).Data.ShouldNotBe(CnnDigitsScript.BuildModel(stack, new TorchGenerator(7), ConvDropout.Dropout2d, 0.2).Eval()
            .Forward(x).Data.ToArray());
    }

    /// <summary>A module that returns the same logits whatever its input.</summary>
    private sealed class Fixed(Tensor logits) : IModule
    {
        public bool IsTraining { get; private set; } = true;
        public void SetTraining(bool training) => IsTraining = training;
        public Tensor Forward(Tensor input) => logits;
        public Tensor Backward(Tensor gradOutput) => gradOutput;
        public IEnumerable<NamedParameter> NamedParameters() => [];
    }
}
