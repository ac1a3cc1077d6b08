using FsCheck.Xunit;
using Verification.Core;
using Verification.Properties.Laws;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Optimizers;

using Verification.Laws;

/// <summary>Laws of SGD, Adam and AdamW that hold for every parameter set and gradient, on both stacks.</summary>
public class OptimizerLawTests
{
    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(OptimizerArbitraries)])]
    public void SGD_with_learning_rate_zero_changes_no_weight(OptimizerCase c)
    {
        foreach (Stack stack in LawTable.Stacks)
        {
            Parameter[] parameters = c.Parameters();
            Tensor[] before = parameters.Select(p => p.Value.Clone()).ToArray();
            IOptimizer sgd = LawTable.Of(stack).SGD(parameters, lr: 0, momentum: 0.9, weightDecay: c.WeightDecay, nesterov: true);
            for (int step = 0; step < 3; step++) sgd.Step();
            for (int p = 0; p < parameters.Length; p++) Compare.Exact(before[p].Data, parameters[p].Value.Data, $"{stack} {c} parameter {p}");
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(OptimizerArbitraries)])]
    public void Plain_SGD_moves_each_weight_by_minus_lr_times_its_gradient(OptimizerCase c)
    {
        foreach (Stack stack in LawTable.Stacks)
        {
            Parameter[] parameters = c.Parameters();
            Tensor[] before = parameters.Select(p => p.Value.Clone()).ToArray();
            LawTable.Of(stack).SGD(parameters, c.LearningRate).Step();
            for (int p = 0; p < parameters.Length; p++)
            {
                var expected = new float[before[p].Length];
                for (int i = 0; i < expected.Length; i++) expected[i] = (float)(before[p][i] - c.LearningRate * parameters[p].Grad[i]);
                Compare.Close(expected, parameters[p].Value.Data, 1e-6, 1e-7, $"{stack} {c} parameter {p}");
            }
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(OptimizerArbitraries)])]
    public void Adam_first_step_moves_each_weight_by_about_lr_against_its_gradient(OptimizerCase c)
    {
        foreach (Stack stack in LawTable.Stacks)
        {
            OptimizerLaws.CheckAdamFirstStep(ps => LawTable.Of(stack).Adam(ps, c.LearningRate), c.Parameters(), c.LearningRate, c.Seed);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(OptimizerArbitraries)])]
    public void AdamW_with_zero_gradient_shrinks_every_weight_by_exactly_one_minus_lr_times_weight_decay(OptimizerCase c)
    {
        foreach (Stack stack in LawTable.Stacks)
        {
            OptimizerLaws.CheckZeroGradientOnlyDecays((ps, lr, wd) => LawTable.Of(stack).AdamW(ps, lr, weightDecay: wd),
                c.Parameters(zeroGradients: true), c.LearningRate, c.WeightDecay, c.Seed);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(OptimizerArbitraries)])]
    public void AdamW_with_zero_weight_decay_steps_exactly_like_Adam(OptimizerCase c)
    {
        foreach (Stack stack in LawTable.Stacks)
        {
            Parameter[] a = c.Parameters(), b = c.Parameters();
            IOptimizer adam = LawTable.Of(stack).Adam(a, c.LearningRate);
            IOptimizer adamW = LawTable.Of(stack).AdamW(b, c.LearningRate, weightDecay: 0);
            for (int step = 0; step < 3; step++) { adam.Step(); adamW.Step(); }
            for (int p = 0; p < a.Length; p++) Compare.Exact(a[p].Value.Data, b[p].Value.Data, $"{stack} {c} parameter {p}");
            Assert.Equal(3, ((IStatefulOptimizer)adamW).SaveState().Step);
        }
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(OptimizerArbitraries)])]
    public void ZeroGrad_clears_every_gradient(OptimizerCase c)
    {
        foreach (Stack stack in LawTable.Stacks)
        {
            Parameter[] parameters = c.Parameters();
            LawTable.Of(stack).Adam(parameters).ZeroGrad();
            Assert.All(parameters, p => Assert.All(p.Grad.Data, v => Assert.Equal(0f, v)));
        }
    }
}
