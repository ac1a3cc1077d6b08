using Verification.Core;
using Verification.Optimized;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Optimizers;

/// <summary>
/// The Optimized SGD's state as PyTorch's <c>optimizer.state_dict()</c> shows it: the step count, the momentum buffers
/// (none before the first step or without momentum: SGD allocates them up front but must not show them), the saved
/// names <c>i.momentum_buffer</c>, and a save–load round trip after which the next step is bit-identical. Its update
/// does not read the step count or these views, so the cross-checks, which compare weights only, cannot see them wrong.
/// </summary>
public class SgdStateTests
{
    private static Parameter[] Parameters()
    {
        var parameters = new[] { new Parameter(new Tensor(5)), new Parameter(new Tensor(2, 3)) };
        for (int p = 0; p < parameters.Length; p++)
        {
            Span<float> w = parameters[p].Value.Data;
            for (int i = 0; i < w.Length; i++) w[i] = 0.5f - 0.25f * i + p;
        }
        return parameters;
    }

    /// <summary>A gradient that differs from step to step, so a buffer that kept a stale value shows.</summary>
    private static void SetGradients(Parameter[] parameters, int step)
    {
        for (int p = 0; p < parameters.Length; p++)
        {
            Span<float> g = parameters[p].Grad.Data;
            for (int i = 0; i < g.Length; i++) g[i] = 0.1f * (i + 1) - 0.3f * step + p;
        }
    }

    private static SGD WithMomentum(Parameter[] parameters) => new(parameters, lr: 0.1, momentum: 0.9, dampening: 0.25);

    private static void TakeSteps(SGD sgd, Parameter[] parameters, int first, int count)
    {
        for (int step = first; step < first + count; step++)
        {
            SetGradients(parameters, step);
            sgd.Step();
        }
    }

    [Fact]
    public void The_step_count_counts_the_steps_taken()
    {
        Parameter[] parameters = Parameters();
        var sgd = WithMomentum(parameters);
        Assert.Equal(0, sgd.StepCount);
        for (int step = 1; step <= 3; step++)
        {
            TakeSteps(sgd, parameters, step, 1);
            Assert.Equal(step, sgd.StepCount);
            Assert.Equal(step, sgd.SaveState().Step);
        }
    }

    [Fact]
    public void With_momentum_the_buffers_appear_after_the_first_step_holding_its_gradient()
    {
        Parameter[] parameters = Parameters();
        var sgd = WithMomentum(parameters);
        Assert.Equal(parameters.Length, sgd.MomentumBuffers.Count);
        Assert.All(sgd.MomentumBuffers, b => Assert.Null(b));

        SetGradients(parameters, 0);
        sgd.Step();

        for (int p = 0; p < parameters.Length; p++)
        {
            Tensor buffer = sgd.MomentumBuffers[p] ?? throw new Xunit.Sdk.XunitException($"buffer {p} is null after a step");
            Assert.Equal(parameters[p].Value.Shape, buffer.Shape);
            // PyTorch's first step: b ← g (no dampening yet).
            Compare.Exact(parameters[p].Grad.Data, buffer.Data, $"momentum buffer {p} after the first step");
        }
    }

    [Fact]
    public void Without_momentum_there_are_never_buffers_to_show_or_save()
    {
        Parameter[] parameters = Parameters();
        var sgd = new SGD(parameters, lr: 0.1, weightDecay: 0.01);
        TakeSteps(sgd, parameters, 0, 2);

        Assert.Equal(parameters.Length, sgd.MomentumBuffers.Count);
        Assert.All(sgd.MomentumBuffers, b => Assert.Null(b));
        OptimizerState state = sgd.SaveState();
        Assert.Equal(2, state.Step);
        Assert.Empty(state.Tensors);
    }

    [Fact]
    public void The_saved_state_holds_no_buffer_before_the_first_step_and_every_buffer_by_its_PyTorch_name_after_it()
    {
        Parameter[] parameters = Parameters();
        var sgd = WithMomentum(parameters);
        OptimizerState before = sgd.SaveState();
        Assert.Equal(0, before.Step);
        Assert.Empty(before.Tensors);

        TakeSteps(sgd, parameters, 0, 2);
        OptimizerState after = sgd.SaveState();

        Assert.Equal(2, after.Step);
        Assert.Equal(["0.momentum_buffer", "1.momentum_buffer"], after.Tensors.Select(t => t.Name));
        for (int p = 0; p < parameters.Length; p++)
        {
            Compare.Exact(sgd.MomentumBuffers[p]!, after.Tensors[p].Value, $"saved momentum buffer {p}");
        }
    }

    [Theory]
    [InlineData(0.9, 1)]
    [InlineData(0.9, 3)]
    [InlineData(0.0, 2)]
    public void A_loaded_state_makes_the_next_step_bit_identical_to_the_saving_optimizers(double momentum, int stepsBefore)
    {
        Parameter[] original = Parameters(), restored = Parameters();
        var saving = new SGD(original, lr: 0.1, momentum: momentum, dampening: 0.25, weightDecay: 0.01);
        TakeSteps(saving, original, 0, stepsBefore);
        var loading = new SGD(restored, lr: 0.1, momentum: momentum, dampening: 0.25, weightDecay: 0.01);
        for (int p = 0; p < original.Length; p++) original[p].Value.Data.CopyTo(restored[p].Value.Data, 0);

        loading.LoadState(saving.SaveState());

        Assert.Equal(stepsBefore, loading.StepCount);
        TakeSteps(saving, original, stepsBefore, 2);
        TakeSteps(loading, restored, stepsBefore, 2);
        for (int p = 0; p < original.Length; p++)
        {
            Compare.Exact(original[p].Value, restored[p].Value, $"momentum {momentum}, parameter {p} two steps after the load");
        }
    }

    [Fact]
    public void Loading_a_state_from_before_the_first_step_hides_the_buffers_and_restarts_momentum()
    {
        Parameter[] parameters = Parameters(), fresh = Parameters();
        var sgd = WithMomentum(parameters);
        OptimizerState initial = sgd.SaveState();
        TakeSteps(sgd, parameters, 0, 3);
        for (int p = 0; p < parameters.Length; p++) parameters[p].Value.Data.CopyTo(fresh[p].Value.Data, 0);

        sgd.LoadState(initial);

        Assert.Equal(0, sgd.StepCount);
        Assert.All(sgd.MomentumBuffers, b => Assert.Null(b));
        var untouched = WithMomentum(fresh);
        TakeSteps(sgd, parameters, 5, 2);
        TakeSteps(untouched, fresh, 5, 2);
        for (int p = 0; p < parameters.Length; p++)
        {
            Compare.Exact(fresh[p].Value, parameters[p].Value, $"parameter {p}: reloaded at step 0 versus never stepped");
        }
    }

    [Fact]
    public void A_null_state_is_refused_naming_the_argument()
    {
        var sgd = WithMomentum(Parameters());
        var e = Assert.Throws<ArgumentNullException>(() => sgd.LoadState(null!));
        Assert.Equal("state", e.ParamName);
    }

    [Fact]
    public void ZeroGrad_clears_every_gradient()
    {
        Parameter[] parameters = Parameters();
        SetGradients(parameters, 1);
        new SGD(parameters, lr: 0.1).ZeroGrad();
        Assert.All(parameters, p => Assert.All(p.Grad.Data, g => Assert.Equal(0f, g)));
    }
}
