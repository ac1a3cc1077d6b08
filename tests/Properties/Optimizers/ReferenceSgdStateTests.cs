using Verification.Core;
using Verification.Core.Checkpoints;
using Verification.Properties.Support;
using Xunit;
using R = Verification.Reference;

namespace Verification.Properties.Optimizers;

/// <summary>
/// The Reference SGD's state outside the step: <c>ZeroGrad</c>, the step count, the momentum buffers and their
/// round trip through <c>SaveState</c>/<c>LoadState</c> (torch.optim's <c>state_dict</c>: one <c>i.momentum_buffer</c>
/// per parameter once momentum has stepped, none before or without momentum). Mutation testing of the Reference
/// (docs/reliability.md, "Mutation testing") found these unchecked by the optimizer tests; the checkpoint tests
/// exercise them only through a whole model.
/// </summary>
public class ReferenceSgdStateTests
{
    /// <summary>Two parameters of different shapes, their gradients set from <paramref name="seed"/>.</summary>
    private static Parameter[] Parameters(int seed)
    {
        Parameter[] parameters = [new Parameter(Tensor.Zeros(2, 3)), new Parameter(Tensor.Zeros(4))];
        int k = seed;
        foreach (Parameter p in parameters)
        {
            for (int i = 0; i < p.Value.Length; i++, k++)
            {
                p.Value.Data[i] = MathF.Sin(k) * 2f;
                p.Grad.Data[i] = MathF.Cos(3 * k) + 0.125f;
            }
        }
        return parameters;
    }

    private static void SetGradients(Parameter[] parameters, int step)
    {
        foreach (Parameter p in parameters)
        {
            for (int i = 0; i < p.Grad.Length; i++) p.Grad.Data[i] = MathF.Cos(7 * i + step) - 0.25f;
        }
    }

    private static R.SGD Momentum(Parameter[] parameters) =>
        new(parameters, lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 1e-3, nesterov: false);

    [Fact]
    public void ZeroGrad_clears_every_gradient_of_every_parameter()
    {
        Parameter[] parameters = Parameters(1);
        var sgd = new R.SGD(parameters, lr: 0.1);

        sgd.ZeroGrad();

        Assert.All(parameters, p => Assert.All(p.Grad.Data, g => Assert.Equal(0f, g)));
    }

    [Fact]
    public void The_state_counts_steps_and_holds_each_momentum_buffer_under_PyTorchs_name()
    {
        Parameter[] parameters = Parameters(1);
        R.SGD sgd = Momentum(parameters);
        Assert.Equal(0, sgd.StepCount);
        Assert.Empty(sgd.SaveState().Tensors);
        Assert.All(sgd.MomentumBuffers, b => Assert.Null(b));

        sgd.Step();
        SetGradients(parameters, 1);
        sgd.Step();

        OptimizerState state = sgd.SaveState();
        Assert.Equal(2, sgd.StepCount);
        Assert.Equal(2, state.Step);
        Assert.Equal(["0.momentum_buffer", "1.momentum_buffer"], state.Tensors.Select(t => t.Name));
        for (int p = 0; p < parameters.Length; p++)
        {
            Tensor buffer = sgd.MomentumBuffers[p]!;
            Assert.Equal(parameters[p].Value.Shape, buffer.Shape);
            Compare.Exact(buffer.Data, state.Tensors[p].Value.Data, $"saved buffer {p}");
            Assert.NotSame(buffer, state.Tensors[p].Value);
        }
    }

    [Fact]
    public void Without_momentum_the_state_holds_no_buffer_but_still_counts_steps()
    {
        var sgd = new R.SGD(Parameters(1), lr: 0.05, weightDecay: 1e-3);

        sgd.Step();
        sgd.Step();

        Assert.Equal(2, sgd.SaveState().Step);
        Assert.Empty(sgd.SaveState().Tensors);
        Assert.All(sgd.MomentumBuffers, b => Assert.Null(b));
    }

    [Fact]
    public void A_loaded_state_makes_the_next_steps_bit_identical_to_the_uninterrupted_run()
    {
        Parameter[] original = Parameters(1), resumed = Parameters(1);
        R.SGD uninterrupted = Momentum(original), fresh = Momentum(resumed);
        for (int step = 0; step < 2; step++)
        {
            SetGradients(original, step);
            uninterrupted.Step();
        }
        for (int p = 0; p < original.Length; p++) original[p].Value.Data.CopyTo(resumed[p].Value.Data, 0);

        fresh.LoadState(uninterrupted.SaveState());

        Assert.Equal(2, fresh.StepCount);
        for (int step = 2; step < 4; step++)
        {
            SetGradients(original, step);
            SetGradients(resumed, step);
            uninterrupted.Step();
            fresh.Step();
        }
        for (int p = 0; p < original.Length; p++)
        {
            Compare.Exact(original[p].Value.Data, resumed[p].Value.Data, $"parameter {p} two steps after the load");
            Compare.Exact(uninterrupted.MomentumBuffers[p]!.Data, fresh.MomentumBuffers[p]!.Data, $"buffer {p}");
        }
        Assert.Equal(4, fresh.SaveState().Step);
    }

    [Fact]
    public void Loading_a_state_from_before_the_first_step_drops_the_buffers_so_the_next_step_starts_them_afresh()
    {
        Parameter[] stepped = Parameters(1), untouched = Parameters(1);
        R.SGD sgd = Momentum(stepped), reference = Momentum(untouched);
        sgd.Step();
        for (int p = 0; p < stepped.Length; p++) untouched[p].Value.Data.CopyTo(stepped[p].Value.Data, 0);
        SetGradients(stepped, 5);
        SetGradients(untouched, 5);

        sgd.LoadState(new OptimizerState(0, []));

        Assert.Equal(0, sgd.StepCount);
        Assert.All(sgd.MomentumBuffers, b => Assert.Null(b));
        sgd.Step();
        reference.Step();
        for (int p = 0; p < stepped.Length; p++)
        {
            Compare.Exact(untouched[p].Value.Data, stepped[p].Value.Data, $"parameter {p}: b ← g again, as on a first step");
        }
    }

    [Fact]
    public void A_null_state_is_refused_by_name_and_changes_nothing()
    {
        Parameter[] parameters = Parameters(1);
        R.SGD sgd = Momentum(parameters);
        sgd.Step();
        OptimizerState before = sgd.SaveState();

        var error = Assert.Throws<ArgumentNullException>(() => sgd.LoadState(null!));

        Assert.Equal("state", error.ParamName);
        Assert.Equal(before.Step, sgd.StepCount);
        for (int p = 0; p < parameters.Length; p++) Compare.Exact(before.Tensors[p].Value.Data, sgd.MomentumBuffers[p]!.Data, $"buffer {p}");
    }

    [Fact]
    public void The_hyper_parameters_read_back_as_given()
    {
        var sgd = new R.SGD(Parameters(1), lr: 0.05, momentum: 0.9, dampening: 0.1, weightDecay: 1e-3, nesterov: false);
        var nesterov = new R.SGD(Parameters(1), lr: 0.5, momentum: 0.8, nesterov: true);

        Assert.Equal((0.05, 0.9, 0.1, 1e-3, false), (sgd.LearningRate, sgd.Momentum, sgd.Dampening, sgd.WeightDecay, sgd.Nesterov));
        Assert.True(nesterov.Nesterov);
        Assert.Equal(2, sgd.Parameters.Count);
    }
}
