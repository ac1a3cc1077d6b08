using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Reliability;

/// <summary>
/// NaN and ±∞ inside tensors are data, not bad arguments: no layer or loss rejects them, they propagate as IEEE
/// arithmetic and PyTorch propagate them, and only where PyTorch guards (the log-sum-exp forms of BCEWithLogits and
/// CrossEntropy) do huge finite logits still give a finite loss.
/// </summary>
public class NonFiniteTests
{
    private static readonly float[] Specials = [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 3e38f, -3e38f, 0f, -0f, 1f];

    [Theory]
    [InlineData("reference")]
    [InlineData("optimized")]
    public void Element_wise_layers_map_NaN_to_NaN_and_infinities_as_PyTorch(string stackName)
    {
        IStack stack = Stacks.ByName(stackName);
        // 40 elements: the vector path and the scalar tail both see every special value.
        var x = Tensor.FromValues(Enumerable.Range(0, 40).Select(i => Specials[i % Specials.Length]).ToArray(), 5, 8);
        foreach (var (name, layer, expected) in new (string, IModule, Func<float, float>)[]
                 {
                     ("ReLU", stack.ReLU(), v => float.IsNaN(v) ? v : MathF.Max(v, 0f)),
                     ("Sigmoid", stack.Sigmoid(),
                         v => float.IsNaN(v) ? v : float.IsPositiveInfinity(v) ? 1f : float.IsNegativeInfinity(v) ? 0f : float.NaN),
                     ("Tanh", stack.Tanh(),
                         v => float.IsNaN(v) ? v : float.IsPositiveInfinity(v) ? 1f : float.IsNegativeInfinity(v) ? -1f : float.NaN),
                 })
        {
            Tensor y = layer.Forward(x);
            for (int i = 0; i < x.Length; i++)
            {
                float want = expected(x[i]);
                if (float.IsNaN(want) && !float.IsNaN(x[i])) continue; // finite inputs: values are the cross-checks' business
                Assert.True(want.Equals(y[i]), $"{stackName} {name}({x[i]}) = {y[i]}, expected {want}");
            }
        }
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("optimized")]
    public void A_NaN_input_reaches_exactly_the_outputs_that_depend_on_it_through_linear_and_dropout(string stackName)
    {
        IStack stack = Stacks.ByName(stackName);
        var generator = new TorchGenerator(4);
        var model = stack.Sequential(stack.Linear(6, 5, generator), stack.Dropout(0.5, generator));
        Tensor x = Tensor.Ones(4, 6);
        x[1, 2] = float.NaN;
        Tensor y = model.Forward(x);
        for (int row = 0; row < 4; row++)
        {
            for (int o = 0; o < 5; o++)
            {
                // Row 1 is NaN everywhere, dropped units too (NaN·0 = NaN, as in PyTorch); the other rows are finite.
                Assert.Equal(row == 1, float.IsNaN(y[row, o]));
            }
        }
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("optimized")]
    public void BCEWithLogits_and_CrossEntropy_stay_finite_for_huge_logits_while_MSE_overflows(string stackName)
    {
        IStack stack = Stacks.ByName(stackName);
        var logits = Tensor.FromValues([1e30f, -1e30f, 3e38f, -3e38f], 4, 1);
        var targets = Tensor.FromValues([0f, 1f, 1f, 0f], 4, 1);
        float bce = stack.BCEWithLogitsLoss().Forward(logits, targets);
        Assert.True(float.IsFinite(bce) || float.IsPositiveInfinity(bce), $"BCEWithLogits gave {bce}");
        Assert.False(float.IsNaN(bce));
        float bceSmall = stack.BCEWithLogitsLoss().Forward(Tensor.FromValues([1e30f, -1e30f], 2, 1), Tensor.FromValues([1f, 0f], 2, 1));
        Assert.Equal(0f, bceSmall);

        var classes = Tensor.FromValues([1e30f, -1e30f, 0f, 3e38f, 3e38f, -3e38f], 2, 3);
        float ce = stack.CrossEntropyLoss().Forward(classes, Tensor.Vector(0f, 1f));
        Assert.True(float.IsFinite(ce), $"CrossEntropy gave {ce}");

        float mse = stack.MSELoss().Forward(Tensor.Vector(3e38f), Tensor.Vector(-3e38f));
        Assert.True(float.IsPositiveInfinity(mse), $"MSE gave {mse}");
        Assert.True(float.IsNaN(stack.MSELoss().Forward(Tensor.Vector(float.NaN, 1f), Tensor.Vector(0f, 1f))));
    }
}
