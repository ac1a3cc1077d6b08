using FsCheck;
using FsCheck.Fluent;
using Verification.Core;
using Verification.Properties.CrossChecks.Broken;
using Verification.Properties.Support;
using Xunit;
using O = Verification.Optimized;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// The cross-checks have teeth: each known-wrong implementation in Broken/ takes the Optimized side of the check that
/// must catch it, and the check must fail. Each bug shows in most generated cases (the ReLU one in any case with an
/// exact zero, about one element in 36; the scale one at any p where the two roundings differ), so 100 cases reject it.
/// </summary>
public class BrokenCrossCheckTests
{
    private static void Rejects(Property property)
    {
        var error = Assert.ThrowsAny<Exception>(() => property.Check(Config.QuickThrowOnFailure.WithMaxTest(PropertyCounts.Laws)));
        Assert.Contains("Falsifiable", error.Message);
    }

    [Fact]
    public void The_activation_check_rejects_a_sigmoid_gradient_missing_its_y_factor() =>
        Rejects(ActivationCrossChecks.Check(ActivationCrossChecks.Table.Single(r => r.Name == "Sigmoid") with
        {
            Optimized = () => new SigmoidGradientMissingY(),
        }));

    [Fact]
    public void The_activation_check_rejects_a_ReLU_that_passes_the_gradient_at_zero() =>
        Rejects(ActivationCrossChecks.Check(ActivationCrossChecks.Table.Single(r => r.Name == "ReLU") with
        {
            Optimized = () => new ReLUPassingGradientAtZero(),
        }));

    [Fact]
    public void The_dropout_check_rejects_a_scale_rounded_from_double() =>
        Rejects(DropoutCrossChecks.CheckDropout((p, g) => new DropoutWithDoubleRoundedScale(p, g)));

    [Fact]
    public void The_optimizer_check_rejects_nesterov_with_its_sign_flipped()
    {
        var nesterov = Gen.Elements(0.5, 0.9).Select(momentum => new OptimizerCrossChecks.Variant(
            $"SGD(lr 0.1, momentum {momentum}, nesterov)",
            (stack, parameters) => stack is O.OptimizedStack
                ? new SgdWithNesterovSignFlipped(parameters, 0.1, momentum, 0)
                : stack.SGD(parameters, 0.1, momentum, nesterov: true)));
        Rejects(OptimizerCrossChecks.Check(nesterov));
    }

    [Fact]
    public void The_optimizer_check_accepts_the_real_nesterov_on_the_same_cases()
    {
        var nesterov = Gen.Elements(0.5, 0.9).Select(momentum => new OptimizerCrossChecks.Variant(
            $"SGD(lr 0.1, momentum {momentum}, nesterov)", (stack, parameters) => stack.SGD(parameters, 0.1, momentum, nesterov: true)));
        OptimizerCrossChecks.Check(nesterov).Check(Config.QuickThrowOnFailure.WithMaxTest(PropertyCounts.Laws));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_network_check_rejects_a_first_Linear_that_leaves_its_weight_gradient_zero(bool batchNorm) =>
        Rejects(SequentialCrossChecks.Check(SequentialCrossChecks.Cases(batchNorm),
            (index, layer) => index == 0 ? new LinearWithZeroedWeightGradient(layer) : layer));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void The_network_check_rejects_a_first_Linear_whose_input_gradient_is_transposed(bool batchNorm) =>
        Rejects(SequentialCrossChecks.Check(SequentialCrossChecks.Cases(batchNorm),
            (index, layer) => index == 0 ? new LinearWithTransposedInputGradient(layer) : layer));

    [Fact]
    public void The_network_check_rejects_a_BatchNorm_whose_backward_is_skipped() =>
        Rejects(SequentialCrossChecks.Check(SequentialCrossChecks.Cases(),
            (index, layer) => index == 1 ? new BatchNormWithSkippedBackward(layer) : layer));
}
