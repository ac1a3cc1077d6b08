using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Properties.Support;
using Verification.Reference;
using Xunit;

namespace Verification.Properties.Layers;

/// <summary>Laws of the Reference layers that hold for every input.</summary>
public class LayerLawTests
{
    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LayerArbitraries)])]
    public void BatchNorm1d_in_eval_mode_is_affine_deterministic_and_leaves_the_running_statistics_alone(LayerCase c)
    {
        var layer = new BatchNorm1d(c.InFeatures);
        layer.Forward(c.X());                    // one training step so the running statistics are not the defaults
        layer.Eval();
        Tensor meanBefore = layer.RunningMean.Clone(), varBefore = layer.RunningVar.Clone();

        Tensor a = c.X(), b = c.Uniform(8, -2, 2, c.N, c.InFeatures);
        var mid = new Tensor(c.N, c.InFeatures);
        for (int i = 0; i < mid.Length; i++) mid[i] = 0.25f * a[i] + 0.75f * b[i];
        Tensor ya = layer.Forward(a).Clone(), yb = layer.Forward(b).Clone(), yMid = layer.Forward(mid).Clone();
        Tensor yaAgain = layer.Forward(a);

        // Affine: y(¼a + ¾b) = ¼y(a) + ¾y(b), up to float rounding.
        var expected = new Tensor(c.N, c.InFeatures);
        for (int i = 0; i < expected.Length; i++) expected[i] = 0.25f * ya[i] + 0.75f * yb[i];
        Compare.Close(expected, yMid, 1e-5, 1e-5, $"eval BatchNorm affinity {c}");
        Compare.Exact(ya.Data, yaAgain.Data, $"eval BatchNorm determinism {c}");
        Compare.Exact(meanBefore.Data, layer.RunningMean.Data, "running_mean in eval");
        Compare.Exact(varBefore.Data, layer.RunningVar.Data, "running_var in eval");
        Assert.Equal(1f, layer.NumBatchesTracked[0]);
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LayerArbitraries)])]
    public void BatchNorm1d_in_training_mode_outputs_zero_mean_per_feature_and_updates_running_statistics_by_momentum(LayerCase c)
    {
        BatchNormLaws.Check(c, momentum => new BatchNorm1d(c.InFeatures, momentum: momentum));
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LayerArbitraries)])]
    public void Linear_backward_adds_into_parameter_gradients_as_PyTorch_accumulates(LayerCase c)
    {
        var layer = new Linear(c.InFeatures, c.OutFeatures, c.Generator());
        Tensor x = c.X(), g = c.GradOutput(c.OutFeatures);
        layer.Forward(x);
        Tensor dx1 = layer.Backward(g).Clone();
        Tensor once = layer.Weight.Grad.Clone(), bias = layer.Bias!.Grad.Clone();
        Tensor dx2 = layer.Backward(g);
        for (int i = 0; i < once.Length; i++) Assert.Equal(2 * once[i], layer.Weight.Grad[i]);
        for (int i = 0; i < bias.Length; i++) Assert.Equal(2 * bias[i], layer.Bias.Grad[i]);
        Compare.Exact(dx1.Data, dx2.Data, "∂x does not accumulate");
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property BCEWithLogitsLoss_is_finite_and_non_negative_for_any_logit_up_to_1e4()
    {
        var cases = from logit in Gen.Choose(-10_000, 10_000).Select(v => (float)v)
                    from target in Gen.Elements(0f, 0.25f, 1f)
                    select (logit, target);
        return Prop.ForAll(cases.ToArbitrary(), pair =>
        {
            var loss = new BCEWithLogitsLoss();
            float value = loss.Forward(Tensor.Vector(pair.logit), Tensor.Vector(pair.target));
            float grad = loss.Backward()[0];
            return (float.IsFinite(value) && value >= 0 && float.IsFinite(grad) && Math.Abs(grad) <= 1)
                .Label($"logit {pair.logit}, target {pair.target}: loss {value}, gradient {grad}");
        });
    }

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(LayerArbitraries)])]
    public void CrossEntropyLoss_is_unchanged_by_adding_a_constant_to_a_row_of_logits(LayerCase c)
    {
        Tensor logits = c.X(), shifted = logits.Clone();
        var target = new Tensor(c.N);
        for (int row = 0; row < c.N; row++)
        {
            target[row] = row % c.InFeatures;
            for (int k = 0; k < c.InFeatures; k++) shifted[row, k] += 50f * (row + 1);
        }
        float original = new CrossEntropyLoss().Forward(logits, target);
        float moved = new CrossEntropyLoss().Forward(shifted, target);
        Compare.Close([original], [moved], 1e-4, 1e-4, $"cross-entropy shift invariance {c}");
    }

    [Fact]
    public void ReLU_gradient_at_exactly_zero_is_zero_as_in_PyTorch()
    {
        var relu = new ReLU();
        relu.Forward(Tensor.Vector(-1f, 0f, 1f));
        Assert.Equal([0f, 0f, 5f], relu.Backward(Tensor.Vector(5f, 5f, 5f)).Data);
    }

    [Fact]
    public void Sequential_names_parameters_and_buffers_by_position_like_PyTorch()
    {
        var g = new Core.Random.TorchGenerator(0);
        var model = new Sequential(new Linear(3, 4, g), new ReLU(), new BatchNorm1d(4), new Linear(4, 2, g, bias: false));
        Assert.Equal(["0.weight", "0.bias", "2.weight", "2.bias", "3.weight"], model.NamedParameters().Select(p => p.Name));
        Assert.Equal(["2.running_mean", "2.running_var", "2.num_batches_tracked"], model.NamedBuffers().Select(b => b.Name));
        Assert.Same(((Linear)model.Layers[3]).Weight, model.NamedParameters().Last().Parameter);
    }

    [Fact]
    public void Sequential_SetTraining_reaches_every_layer()
    {
        var model = new Sequential(new BatchNorm1d(2), new Tanh());
        model.Eval();
        Assert.All(model.Layers, l => Assert.False(l.IsTraining));
        model.Train();
        Assert.All(model.Layers, l => Assert.True(l.IsTraining));
    }
}

/// <summary>
/// BatchNorm1d training-mode laws, shared with the tests that show broken implementations fail them: each feature of y
/// has mean ≈ β (γ = 1, β = 0 here: mean 0, biased variance ≈ 1 − ε-effects), and after one step from the defaults
/// <c>running_mean = m·μ</c>, <c>running_var = (1 − m) + m·N/(N − 1)·σ²</c>, restated here from the batch in double.
/// </summary>
public static class BatchNormLaws
{
    public static void Check(LayerCase c, Func<double, IModule> create)
    {
        const double momentum = 0.3; // far from 0.5 so a swapped (m, 1 − m) convention cannot pass
        IModule layer = create(momentum);
        Tensor x = c.X();
        Tensor y = layer.Forward(x);
        Tensor runningMean = layer.NamedBuffers().Single(b => b.Name == "running_mean").Value;
        Tensor runningVar = layer.NamedBuffers().Single(b => b.Name == "running_var").Value;
        int n = c.N, f = c.InFeatures;
        for (int k = 0; k < f; k++)
        {
            double mean = 0, outMean = 0;
            for (int row = 0; row < n; row++) { mean += x[row, k]; outMean += y[row, k]; }
            mean /= n;
            outMean /= n;
            double squares = 0;
            for (int row = 0; row < n; row++) squares += (x[row, k] - mean) * (x[row, k] - mean);
            double expectedMean = momentum * mean;
            double expectedVar = (1 - momentum) * 1.0 + momentum * squares / (n - 1);
            Compare.Close([0f], [(float)outMean], 0, 1e-5, $"{c} feature {k}: mean of y");
            Compare.Close([(float)expectedMean], [runningMean[k]], 1e-5, 1e-6, $"{c} feature {k}: running_mean");
            Compare.Close([(float)expectedVar], [runningVar[k]], 1e-5, 1e-6, $"{c} feature {k}: running_var");
        }
    }
}
