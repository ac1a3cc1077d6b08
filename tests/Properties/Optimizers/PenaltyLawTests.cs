using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Penalties;
using Verification.Core.Random;
using Verification.Properties.Layers;
using Verification.Properties.Support;
using Verification.Reference;
using Xunit;

namespace Verification.Properties.Optimizers;

/// <summary>The explicit L1/L2 penalties: value, gradient by centred differences, biases untouched.</summary>
public class PenaltyLawTests
{
    private static readonly double[] Lambdas = [1e-3, 0.1, 0.5];

    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LayerArbitraries)])]
    public void L2_penalty_gradient_matches_centred_differences_and_skips_biases(LayerCase c)
    {
        var penalty = new L2Penalty(Lambdas[c.Seed % 3]);
        CheckGradient(c, penalty.Value, penalty.AddGradient, "L2");
    }

    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LayerArbitraries)])]
    public void L1_penalty_gradient_matches_centred_differences_away_from_zero_and_skips_biases(LayerCase c)
    {
        var penalty = new L1Penalty(Lambdas[c.Seed % 3]);
        CheckGradient(c, penalty.Value, penalty.AddGradient, "L1");
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LayerArbitraries)])]
    public void Penalty_values_are_lambda_times_the_sum_of_squares_or_magnitudes_of_the_weights(LayerCase c)
    {
        Sequential model = Model(c);
        double squares = 0, magnitudes = 0;
        foreach (var p in model.NamedParameters().Where(p => p.Name.EndsWith("weight")))
        {
            foreach (float w in p.Parameter.Value.Data) { squares += (double)w * w; magnitudes += Math.Abs(w); }
        }
        Compare.Close([(float)(0.5 * squares)], [new L2Penalty(0.5).Value(model)], 1e-5, 1e-7, $"L2 value {c}");
        Compare.Close([(float)(0.5 * magnitudes)], [new L1Penalty(0.5).Value(model)], 1e-5, 1e-7, $"L1 value {c}");
    }

    [Fact]
    public void L1_penalty_gradient_at_exactly_zero_is_zero_as_torch_abs()
    {
        var layer = new Linear(3, 1, new TorchGenerator(0));
        layer.Weight.Value.Data[1] = 0f;
        new L1Penalty(0.5).AddGradient(layer);
        Assert.Equal(0f, layer.Weight.Grad[1]);
        Assert.Equal(0.5f * MathF.Sign(layer.Weight.Value[0]), layer.Weight.Grad[0]);
    }

    /// <summary>Linear → Tanh → Linear with weights of magnitude in [0.05, 2) (off L1's kink) and biases left as drawn.</summary>
    private static Sequential Model(LayerCase c)
    {
        var g = c.Generator();
        var model = new Sequential(new Linear(c.InFeatures, 4, g), new Tanh(), new Linear(4, c.OutFeatures, g));
        int stream = 10;
        foreach (var p in model.NamedParameters().Where(p => p.Name.EndsWith("weight")))
        {
            float[] w = p.Parameter.Value.Data;
            float[] magnitude = c.Uniform(stream++, 0.05, 2, w.Length).Data;
            for (int i = 0; i < w.Length; i++) w[i] = (i % 2 == 0 ? 1 : -1) * magnitude[i];
        }
        return model;
    }

    private static void CheckGradient(LayerCase c, Func<IModule, float> value, Action<IModule> addGradient, string name)
    {
        Sequential model = Model(c);
        addGradient(model);
        foreach (var p in model.NamedParameters())
        {
            if (p.Name.EndsWith("weight"))
            {
                GradientCheck.CheckAgainstNumeric(p.Parameter.Value.Data, p.Parameter.Grad.Clone().Data, () => value(model),
                    $"{name} {c}: ∂P/∂{p.Name}");
            }
            else
            {
                Assert.All(p.Parameter.Grad.Data, v => Assert.Equal(0f, v));
            }
        }
    }
}
