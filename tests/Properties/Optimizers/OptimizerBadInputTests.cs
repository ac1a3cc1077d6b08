using Verification.Core;
using Verification.Core.Penalties;
using Verification.Properties.Support;
using Verification.Reference;
using Xunit;

namespace Verification.Properties.Optimizers;

/// <summary>
/// Bad hyper-parameters are refused with PyTorch's message, the argument named, and nothing changed: the parameters
/// (values and gradients) are as before, and an optimizer that already exists keeps its state.
/// </summary>
public class OptimizerBadInputTests
{
    private static Parameter[] Parameters() => new OptimizerCase([4, 2], 0.01, 0.1, 7).Parameters();

    private static void AssertRefused(Func<IReadOnlyList<Parameter>, IOptimizer> create, string argument, string message)
    {
        Parameter[] parameters = Parameters();
        Tensor[] values = parameters.Select(p => p.Value.Clone()).ToArray(), grads = parameters.Select(p => p.Grad.Clone()).ToArray();
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => create(parameters));
        Assert.Equal(argument, e.ParamName);
        Assert.StartsWith(message, e.Message);
        for (int p = 0; p < parameters.Length; p++)
        {
            Compare.Exact(values[p].Data, parameters[p].Value.Data, $"value {p}");
            Compare.Exact(grads[p].Data, parameters[p].Grad.Data, $"gradient {p}");
        }
    }

    [Fact]
    public void A_negative_learning_rate_is_refused() =>
        AssertRefused(ps => new SGD(ps, lr: -1), "lr", "Invalid learning rate: -1");

    [Fact]
    public void A_NaN_learning_rate_is_refused() =>
        AssertRefused(ps => new Adam(ps, lr: double.NaN), "lr", "Invalid learning rate: NaN");

    [Fact]
    public void A_beta1_of_one_is_refused() =>
        AssertRefused(ps => new Adam(ps, beta1: 1.0), "beta1", "Invalid beta parameter at index 0: 1");

    [Fact]
    public void A_negative_beta2_is_refused() =>
        AssertRefused(ps => new AdamW(ps, beta2: -0.5), "beta2", "Invalid beta parameter at index 1: -0.5");

    [Fact]
    public void A_negative_epsilon_is_refused() =>
        AssertRefused(ps => new AdamW(ps, eps: -1e-8), "eps", "Invalid epsilon value: -1E-08");

    [Fact]
    public void A_negative_weight_decay_is_refused() =>
        AssertRefused(ps => new SGD(ps, 0.1, weightDecay: -0.01), "weightDecay", "Invalid weight_decay value: -0.01");

    [Fact]
    public void A_negative_momentum_is_refused() =>
        AssertRefused(ps => new SGD(ps, 0.1, momentum: -0.9), "momentum", "Invalid momentum value: -0.9");

    [Fact]
    public void Nesterov_without_momentum_is_refused_in_PyTorch_words()
    {
        Parameter[] parameters = Parameters();
        Tensor value = parameters[0].Value.Clone();
        var e = Assert.Throws<ArgumentException>(() => new SGD(parameters, 0.1, momentum: 0, nesterov: true));
        Assert.Equal("nesterov", e.ParamName);
        Assert.StartsWith("Nesterov momentum requires a momentum and zero dampening", e.Message);
        Assert.Contains("momentum 0", e.Message);
        var dampened = Assert.Throws<ArgumentException>(() => new SGD(parameters, 0.1, momentum: 0.9, dampening: 0.1, nesterov: true));
        Assert.Contains("dampening 0.1", dampened.Message);
        Compare.Exact(value.Data, parameters[0].Value.Data, "value");
    }

    [Fact]
    public void An_empty_parameter_list_is_refused()
    {
        var e = Assert.Throws<ArgumentException>(() => new Adam([]));
        Assert.Equal("parameters", e.ParamName);
        Assert.StartsWith("optimizer got an empty parameter list", e.Message);
    }

    [Fact]
    public void A_refused_construction_leaves_an_existing_optimizers_state_alone()
    {
        Parameter[] parameters = Parameters();
        var adam = new Adam(parameters, 0.01);
        adam.Step();
        float[] m = adam.ExpAvg[0].Data.ToArray(), v = adam.ExpAvgSq[0].Data.ToArray(), w = parameters[0].Value.Data.ToArray();
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam(parameters, lr: -1));
        Assert.Equal(1, adam.StepCount);
        Compare.Exact(m, adam.ExpAvg[0].Data, "exp_avg");
        Compare.Exact(v, adam.ExpAvgSq[0].Data, "exp_avg_sq");
        Compare.Exact(w, parameters[0].Value.Data, "weights");
    }

    [Fact]
    public void Penalties_refuse_a_negative_or_NaN_lambda()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new L2Penalty(-0.1));
        Assert.Equal("lambda", e.ParamName);
        Assert.Contains("-0.1", e.Message);
        var nan = Assert.Throws<ArgumentOutOfRangeException>(() => new L1Penalty(double.NaN));
        Assert.Contains("NaN", nan.Message);
    }
}
