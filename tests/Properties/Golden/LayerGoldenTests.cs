using System.Text.Json;
using Verification.Core;
using Verification.Core.Random;
using Verification.Reference;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Properties.Golden;

/// <summary>layers.json: forward values and every gradient of each layer and loss, against libtorch.</summary>
public class LayerGoldenTests(ITestOutputHelper output)
{
    private static JsonElement Case(int index) => GoldenFile.Cases("layers.json")[index];

    public static TheoryData<int> LinearCases() => GoldenCases.Indices("layers.json", c => c.Op() == "Linear");
    public static TheoryData<int> ActivationCases() =>
        GoldenCases.Indices("layers.json", c => c.Op() is "ReLU" or "Sigmoid" or "Tanh");
    public static TheoryData<int> BatchNormCases() => GoldenCases.Indices("layers.json", c => c.Op() == "BatchNorm1d");
    public static TheoryData<int> LossCases() =>
        GoldenCases.Indices("layers.json", c => c.Op() is "MSELoss" or "BCEWithLogitsLoss" or "CrossEntropyLoss");

    [Theory]
    [MemberData(nameof(LinearCases))]
    public void Linear_forward_and_gradients_match_PyTorch(int index)
    {
        JsonElement c = Case(index);
        int[] xShape = c.Ints("x_shape");
        float[] bias = c.Floats("bias");
        int inFeatures = xShape[1], outFeatures = bias.Length;
        var layer = new Linear(inFeatures, outFeatures, new TorchGenerator(c.Seed()));
        c.Floats("weight").CopyTo(layer.Weight.Value.Data, 0);
        bias.CopyTo(layer.Bias!.Value.Data, 0);
        var x = Tensor.FromValues(c.Floats("x"), xShape);
        var g = Tensor.FromValues(c.Floats("grad_output"), xShape[0], outFeatures);
        var tol = GoldenTolerances.MatrixProduct;
        string what = $"Linear seed {c.Seed()}";

        GoldenCheck.Match(c.Floats("y"), layer.Forward(x), tol, $"{what} y", output);
        GoldenCheck.Match(c.Floats("grad_input"), layer.Backward(g), tol, $"{what} grad_input", output);
        GoldenCheck.Match(c.Floats("grad_weight"), layer.Weight.Grad, tol, $"{what} grad_weight", output);
        GoldenCheck.Match(c.Floats("grad_bias"), layer.Bias.Grad, tol, $"{what} grad_bias", output);
    }

    [Theory]
    [MemberData(nameof(ActivationCases))]
    public void Activation_forward_and_gradient_match_PyTorch(int index)
    {
        JsonElement c = Case(index);
        (IModule layer, GoldenTolerance tol) = c.Op() switch
        {
            "ReLU" => ((IModule)new ReLU(), GoldenTolerances.ReLU),
            "Sigmoid" => (new Sigmoid(), GoldenTolerances.Transcendental),
            _ => (new Tanh(), GoldenTolerances.Transcendental),
        };
        var x = Tensor.Vector(c.Floats("x"));
        var g = Tensor.Vector(c.Floats("grad_output"));
        string what = $"{c.Op()} seed {c.Seed()}";
        GoldenCheck.Match(c.Floats("y"), layer.Forward(x), tol, $"{what} y", output);
        GoldenCheck.Match(c.Floats("grad_input"), layer.Backward(g), tol, $"{what} grad_input", output);
    }

    [Theory]
    [MemberData(nameof(BatchNormCases))]
    public void BatchNorm1d_training_steps_running_statistics_and_eval_match_PyTorch(int index)
    {
        JsonElement c = Case(index);
        var layer = new BatchNorm1d((int)c.Param("features"), c.Param("eps"), c.Param("momentum"));
        BatchNormGolden.Run(layer, c, output);
        Assert.Equal(3f, layer.NumBatchesTracked[0]);
    }

    [Theory]
    [MemberData(nameof(LossCases))]
    public void Loss_value_and_gradient_match_PyTorch(int index)
    {
        JsonElement c = Case(index);
        float[] input = c.Floats("input"), target = c.Floats("target");
        (ILoss loss, Tensor prediction, Tensor targetTensor) = c.Op() switch
        {
            "MSELoss" => ((ILoss)new MSELoss(), Tensor.Vector(input), Tensor.Vector(target)),
            "BCEWithLogitsLoss" => (new BCEWithLogitsLoss(), Tensor.Vector(input), Tensor.Vector(target)),
            _ => (new CrossEntropyLoss(), Tensor.FromValues(input, c.Ints("input_shape")), Tensor.Vector(target)),
        };
        string what = $"{c.Op()} seed {c.Seed()} (n = {input.Length})";
        float value = loss.Forward(prediction, targetTensor);
        Assert.True(float.IsFinite(value), $"{what}: loss {value} is not finite");
        GoldenCheck.Match(c.GetProperty("loss").GetSingle(), value, GoldenTolerances.Loss, $"{what} loss", output);
        GoldenCheck.Match(c.Floats("grad_input"), loss.Backward(), GoldenTolerances.Loss, $"{what} grad_input", output);
    }
}

/// <summary>
/// Runs layers.json's BatchNorm1d case through any BatchNorm-like module: three training steps (y, every gradient,
/// running statistics after each), then eval. Shared with the tests that show broken implementations fail it.
/// </summary>
public static class BatchNormGolden
{
    public static void Run(IModule layer, JsonElement c, ITestOutputHelper? output = null)
    {
        int features = (int)c.Param("features"), batch = (int)c.Param("batch");
        var tol = GoldenTolerances.BatchNorm;
        Parameter weight = layer.NamedParameters().Single(p => p.Name == "weight").Parameter;
        Parameter bias = layer.NamedParameters().Single(p => p.Name == "bias").Parameter;
        Tensor Buffer(string name) => layer.NamedBuffers().Single(b => b.Name == name).Value;

        int step = 0;
        layer.SetTraining(true);
        foreach (JsonElement s in c.GetProperty("train_steps").EnumerateArray())
        {
            step++;
            string what = $"BatchNorm1d seed {c.Seed()} step {step}";
            weight.ZeroGrad();
            bias.ZeroGrad();
            var x = Tensor.FromValues(s.Floats("x"), batch, features);
            GoldenCheck.Match(s.Floats("y"), layer.Forward(x), tol, $"{what} y", output);
            GoldenCheck.Match(s.Floats("grad_input"), layer.Backward(Tensor.FromValues(s.Floats("grad_output"), batch, features)),
                tol, $"{what} grad_input", output);
            GoldenCheck.Match(s.Floats("grad_weight"), weight.Grad, tol, $"{what} grad_weight", output);
            GoldenCheck.Match(s.Floats("grad_bias"), bias.Grad, tol, $"{what} grad_bias", output);
            GoldenCheck.Match(s.Floats("running_mean"), Buffer("running_mean"), tol, $"{what} running_mean", output);
            GoldenCheck.Match(s.Floats("running_var"), Buffer("running_var"), tol, $"{what} running_var", output);
        }

        layer.SetTraining(false);
        float[] evalX = c.Floats("eval_x");
        var eval = Tensor.FromValues(evalX, evalX.Length / features, features);
        GoldenCheck.Match(c.Floats("eval_y"), layer.Forward(eval), tol, $"BatchNorm1d seed {c.Seed()} eval y", output);
    }
}
