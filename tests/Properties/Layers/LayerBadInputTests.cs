using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using Verification.Reference;
using Xunit;

namespace Verification.Properties.Layers;

/// <summary>
/// Bad input is refused before any state changes: the exception type, the argument named, the offending value in the
/// message, and the layer (parameters, gradients, running statistics, what Backward uses) exactly as before.
/// </summary>
public class LayerBadInputTests
{
    [Fact]
    public void Linear_refuses_an_input_with_the_wrong_number_of_features_in_PyTorch_words()
    {
        var layer = new Linear(12, 7, new TorchGenerator(0));
        Tensor x = new TorchGenerator(1).Randn(5, 12), g = new TorchGenerator(2).Randn(5, 7);
        layer.Forward(x);
        Tensor weight = layer.Weight.Value.Clone(), bias = layer.Bias!.Value.Clone();

        var e = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(5, 13)));
        Assert.Equal("input", e.ParamName);
        Assert.StartsWith("mat1 and mat2 shapes cannot be multiplied (5x13 and 12x7)", e.Message);

        Compare.Exact(weight.Data, layer.Weight.Value.Data, "weight");
        Compare.Exact(bias.Data, layer.Bias.Value.Data, "bias");
        // Backward still refers to the last good input: ∂W = gᵀ·x of x, not of the refused tensor.
        layer.Backward(g);
        var fresh = new Linear(12, 7, new TorchGenerator(0));
        fresh.Forward(x);
        fresh.Backward(g);
        Compare.Exact(fresh.Weight.Grad.Data, layer.Weight.Grad.Data, "∂W after the refused call");
    }

    [Fact]
    public void BatchNorm1d_refuses_a_training_batch_of_one_and_keeps_its_running_statistics()
    {
        var layer = new BatchNorm1d(6);
        layer.Forward(new TorchGenerator(3).Randn(4, 6));
        Tensor mean = layer.RunningMean.Clone(), variance = layer.RunningVar.Clone();

        var e = Assert.Throws<ArgumentException>(() => layer.Forward(new TorchGenerator(4).Randn(1, 6)));
        Assert.Equal("input", e.ParamName);
        Assert.StartsWith("Expected more than 1 value per channel when training, got input size [1, 6]", e.Message);

        Compare.Exact(mean.Data, layer.RunningMean.Data, "running_mean");
        Compare.Exact(variance.Data, layer.RunningVar.Data, "running_var");
        Assert.Equal(1f, layer.NumBatchesTracked[0]);
        layer.Eval();
        Assert.Equal([1, 6], layer.Forward(new Tensor(1, 6)).Shape); // one row is fine in eval mode, as in PyTorch
    }

    [Fact]
    public void BatchNorm1d_refuses_an_empty_training_batch()
    {
        var layer = new BatchNorm1d(3);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(0, 3)));
        Assert.Equal("input", e.ParamName);
        Assert.Contains("got input size [0, 3]", e.Message);
        Assert.Equal(0f, layer.NumBatchesTracked[0]);
        Compare.Exact(new float[3], layer.RunningMean.Data, "running_mean");
    }

    [Fact]
    public void BatchNorm1d_refuses_the_wrong_number_of_features()
    {
        var layer = new BatchNorm1d(6);
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(new Tensor(4, 5)));
        Assert.Equal("input", e.ParamName);
        Assert.Contains("[4, 5]", e.Message);
        Assert.Equal(0f, layer.NumBatchesTracked[0]);
    }

    [Fact]
    public void MSELoss_refuses_mismatched_shapes_naming_both()
    {
        var loss = new MSELoss();
        loss.Forward(Tensor.Vector(1f, 2f), Tensor.Vector(0f, 0f));
        var e = Assert.Throws<ArgumentException>(() => loss.Forward(new Tensor(3), new Tensor(4)));
        Assert.Equal("target", e.ParamName);
        Assert.Contains("[3]", e.Message);
        Assert.Contains("[4]", e.Message);
        Assert.Equal([1f, 2f], loss.Backward().Data); // still the gradient of the last good call: 2·(x − t)/2
    }

    [Fact]
    public void BCEWithLogitsLoss_refuses_mismatched_shapes_naming_both()
    {
        var e = Assert.Throws<ArgumentException>(() => new BCEWithLogitsLoss().Forward(new Tensor(2, 3), new Tensor(3, 2)));
        Assert.Equal("target", e.ParamName);
        Assert.Contains("[2, 3]", e.Message);
        Assert.Contains("[3, 2]", e.Message);
    }

    [Fact]
    public void Losses_refuse_an_empty_batch()
    {
        var e = Assert.Throws<ArgumentException>(() => new MSELoss().Forward(new Tensor(0), new Tensor(0)));
        Assert.Equal("prediction", e.ParamName);
        Assert.Contains("[0]", e.Message);
        var ce = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(new Tensor(0, 4), new Tensor(0)));
        Assert.Equal("prediction", ce.ParamName);
        Assert.Contains("[0, 4]", ce.Message);
    }

    [Fact]
    public void CrossEntropyLoss_refuses_a_target_out_of_range_in_PyTorch_words_and_keeps_its_last_gradient()
    {
        var loss = new CrossEntropyLoss();
        Tensor logits = new TorchGenerator(5).Randn(3, 5);
        loss.Forward(logits, Tensor.Vector(0f, 4f, 2f));
        Tensor before = loss.Backward().Clone();

        var e = Assert.Throws<ArgumentException>(() => loss.Forward(logits, Tensor.Vector(0f, 5f, 2f)));
        Assert.Equal("target", e.ParamName);
        Assert.StartsWith("Target 5 is out of bounds.", e.Message);
        var negative = Assert.Throws<ArgumentException>(() => loss.Forward(logits, Tensor.Vector(-1f, 0f, 0f)));
        Assert.StartsWith("Target -1 is out of bounds.", negative.Message);

        Compare.Exact(before.Data, loss.Backward().Data, "gradient after the refused call");
    }

    [Fact]
    public void CrossEntropyLoss_refuses_a_non_integral_target()
    {
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(new Tensor(2, 3), Tensor.Vector(0f, 1.5f)));
        Assert.Equal("target", e.ParamName);
        Assert.Contains("1.5", e.Message);
    }

    [Fact]
    public void CrossEntropyLoss_refuses_a_target_batch_of_another_size_naming_both_shapes()
    {
        var e = Assert.Throws<ArgumentException>(() => new CrossEntropyLoss().Forward(new Tensor(9, 5), new Tensor(8)));
        Assert.Equal("target", e.ParamName);
        Assert.Contains("[9, 5]", e.Message);
        Assert.Contains("[8]", e.Message);
    }

    [Fact]
    public void Backward_before_Forward_is_refused()
    {
        Assert.Throws<InvalidOperationException>(() => new Linear(2, 2, new TorchGenerator(0)).Backward(new Tensor(1, 2)));
        Assert.Throws<InvalidOperationException>(() => new MSELoss().Backward());
    }
}
