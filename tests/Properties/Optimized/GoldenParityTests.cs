using System.Text.Json;
using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Golden;
using Verification.Properties.Support;
using Xunit;
using Tol = Verification.Properties.Optimized.OptimizedTolerances;

namespace Verification.Properties.Optimized;

/// <summary>Each golden case (PyTorch's own output) run through a stack; tolerances from <see cref="OptimizedTolerances"/>.</summary>
public class GoldenParityTests
{
    public static TheoryData<string, int> Cases(string file)
    {
        var data = new TheoryData<string, int>();
        foreach (var stack in Stacks.Names())
        {
            for (int i = 0; i < GoldenFile.Cases(file).Count; i++) data.Add(stack, i);
        }
        return data;
    }

    public static TheoryData<string, int> InitCases() => Cases("init.json");
    public static TheoryData<string, int> LayerCases() => Cases("layers.json");
    public static TheoryData<string, int> OptimCases() => Cases("optim.json");
    public static TheoryData<string, int> DropoutCases() => Cases("dropout.json");

    private static void Close(float[] expected, float[] actual, Tol.Tolerance t, string what)
    {
        if (t.Rtol == 0 && t.Atol == 0) Compare.Exact(expected, actual, what);
        else Compare.Close(expected, actual, t.Rtol, t.Atol, what);
    }

    private static Parameter Param(IModule m, string name) => m.NamedParameters().Single(p => p.Name == name).Parameter;

    [Theory]
    [MemberData(nameof(InitCases))]
    public void Linear_initialisation_matches_PyTorch_bit_for_bit(string stackName, int index)
    {
        JsonElement c = GoldenFile.Cases("init.json")[index];
        var layer = Stacks.ByName(stackName).Linear((int)c.Param("in"), (int)c.Param("out"), new TorchGenerator(c.Seed()));
        Close(c.Floats("weight"), Param(layer, "weight").Value.Data, Tol.Exact, $"init seed {c.Seed()} weight");
        Close(c.Floats("bias"), Param(layer, "bias").Value.Data, Tol.Exact, $"init seed {c.Seed()} bias");
    }

    [Theory]
    [MemberData(nameof(LayerCases))]
    public void Layers_and_losses_match_PyTorch_forward_and_backward(string stackName, int index)
    {
        IStack stack = Stacks.ByName(stackName);
        JsonElement c = GoldenFile.Cases("layers.json")[index];
        string op = c.Op();
        string what = $"{op} seed {c.Seed()}";
        switch (op)
        {
            case "Linear":
            {
                int[] xs = c.Ints("x_shape");
                float[] w = c.Floats("weight");
                int outF = c.Floats("bias").Length, inF = xs[1];
                var layer = stack.Linear(inF, outF, new TorchGenerator(0));
                w.CopyTo(Param(layer, "weight").Value.Data, 0);
                c.Floats("bias").CopyTo(Param(layer, "bias").Value.Data, 0);
                var y = layer.Forward(Tensor.FromValues(c.Floats("x"), xs));
                Close(c.Floats("y"), y.Data, Tol.LinearProduct, what + " y");
                var gx = layer.Backward(Tensor.FromValues(c.Floats("grad_output"), xs[0], outF));
                Close(c.Floats("grad_input"), gx.Data, Tol.LinearProduct, what + " grad_input");
                Close(c.Floats("grad_weight"), Param(layer, "weight").Grad.Data, Tol.LinearProduct, what + " grad_weight");
                Close(c.Floats("grad_bias"), Param(layer, "bias").Grad.Data, Tol.LinearProduct, what + " grad_bias");
                break;
            }
            case "ReLU":
            case "Sigmoid":
            case "Tanh":
            {
                IModule m = op switch { "ReLU" => stack.ReLU(), "Sigmoid" => stack.Sigmoid(), _ => stack.Tanh() };
                var tol = op == "ReLU" ? Tol.Exact : Tol.Transcendental;
                float[] x = c.Floats("x");
                var y = m.Forward(Tensor.FromValues(x, x.Length));
                Close(c.Floats("y"), y.Data, tol, what + " y");
                var gx = m.Backward(Tensor.FromValues(c.Floats("grad_output"), x.Length));
                Close(c.Floats("grad_input"), gx.Data, op == "ReLU" ? Tol.Exact : Tol.TranscendentalGradient, what + " grad_input");
                break;
            }
            case "BatchNorm1d":
            {
                int features = (int)c.Param("features"), batch = (int)c.Param("batch");
                var bn = stack.BatchNorm1d(features, c.Param("eps"), c.Param("momentum"));
                int step = 0;
                foreach (var s in c.GetProperty("train_steps").EnumerateArray())
                {
                    foreach (var p in bn.NamedParameters()) p.Parameter.ZeroGrad();
                    var y = bn.Forward(Tensor.FromValues(s.Floats("x"), batch, features));
                    Close(s.Floats("y"), y.Data, Tol.BatchNorm, $"{what} step {step} y");
                    var gx = bn.Backward(Tensor.FromValues(s.Floats("grad_output"), batch, features));
                    Close(s.Floats("grad_input"), gx.Data, Tol.BatchNorm, $"{what} step {step} grad_input");
                    Close(s.Floats("grad_weight"), Param(bn, "weight").Grad.Data, Tol.BatchNorm, $"{what} step {step} grad_weight");
                    Close(s.Floats("grad_bias"), Param(bn, "bias").Grad.Data, Tol.BatchNorm, $"{what} step {step} grad_bias");
                    var buffers = bn.NamedBuffers().ToDictionary(b => b.Name, b => b.Value);
                    Close(s.Floats("running_mean"), buffers["running_mean"].Data, Tol.BatchNorm, $"{what} step {step} running_mean");
                    Close(s.Floats("running_var"), buffers["running_var"].Data, Tol.BatchNorm, $"{what} step {step} running_var");
                    step++;
                }
                bn.SetTraining(false);
                float[] ex = c.Floats("eval_x");
                var ey = bn.Forward(Tensor.FromValues(ex, ex.Length / features, features));
                Close(c.Floats("eval_y"), ey.Data, Tol.BatchNorm, what + " eval y");
                break;
            }
            case "BCEWithLogitsLoss":
            case "CrossEntropyLoss":
            case "MSELoss":
            {
                ILoss loss = op switch { "BCEWithLogitsLoss" => stack.BCEWithLogitsLoss(), "CrossEntropyLoss" => stack.CrossEntropyLoss(), _ => stack.MSELoss() };
                float[] input = c.Floats("input"), target = c.Floats("target");
                int[] shape = c.TryGetProperty("input_shape", out _) ? c.Ints("input_shape") : [input.Length];
                var value = loss.Forward(Tensor.FromValues(input, shape), Tensor.FromValues(target, target.Length));
                Close([c.GetProperty("loss").GetSingle()], [value], Tol.Loss, what + " loss");
                Close(c.Floats("grad_input"), loss.Backward().Data, Tol.Loss, what + " grad_input");
                break;
            }
            default:
                throw new InvalidOperationException($"unknown op {op}");
        }
    }

    [Theory]
    [MemberData(nameof(OptimCases))]
    public void Optimizers_match_PyTorch_after_each_of_six_steps(string stackName, int index)
    {
        IStack stack = Stacks.ByName(stackName);
        JsonElement c = GoldenFile.Cases("optim.json")[index];
        double P(string name, double fallback) => c.HasParam(name) ? c.Param(name) : fallback;
        var w = new Parameter(Tensor.FromValues(c.Floats("w0"), c.Floats("w0").Length));
        IReadOnlyList<Parameter> ps = [w];
        IOptimizer opt = c.Op() switch
        {
            "SGD" => stack.SGD(ps, c.Param("lr"), P("momentum", 0), P("dampening", 0), P("weight_decay", 0),
                c.TryGetProperty("params", out var pp) && pp.TryGetProperty("nesterov", out var n) && n.GetBoolean()),
            "Adam" => stack.Adam(ps, c.Param("lr"), P("beta1", 0.9), P("beta2", 0.999), P("eps", 1e-8), P("weight_decay", 0)),
            "AdamW" => stack.AdamW(ps, c.Param("lr"), P("beta1", 0.9), P("beta2", 0.999), P("eps", 1e-8), P("weight_decay", 1e-2)),
            var other => throw new InvalidOperationException($"unknown optimizer {other}"),
        };
        var grads = c.GetProperty("grads").EnumerateArray().Select(g => g.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        var after = c.GetProperty("after_each_step").EnumerateArray().Select(g => g.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();
        for (int step = 0; step < grads.Length; step++)
        {
            opt.ZeroGrad();
            grads[step].CopyTo(w.Grad.Data, 0);
            opt.Step();
            Close(after[step], w.Value.Data, Tol.Optimizer, $"{c.Op()} {c.GetProperty("params")} seed {c.Seed()} step {step + 1}");
        }
    }

    [Theory]
    [MemberData(nameof(DropoutCases))]
    public void Dropout_masks_values_and_gradients_match_PyTorch_bit_for_bit(string stackName, int index)
    {
        IStack stack = Stacks.ByName(stackName);
        JsonElement c = GoldenFile.Cases("dropout.json")[index];
        var g = new TorchGenerator(c.Seed());
        int[] shape = c.Ints("shape");
        string what = $"{c.Op()} p={c.Param("p")} seed {c.Seed()}";
        if (c.Op() == "Dropout.ones")
        {
            var y1 = stack.Dropout(c.Param("p"), g).Forward(Tensor.Ones(shape));
            Close(c.Floats("values"), y1.Data, Tol.Exact, what);
            return;
        }
        // x and grad_output were drawn from the same generator first; draw them to advance it the same way.
        g.Randn(shape);
        g.Randn(shape);
        IModule layer = c.Op() == "Dropout" ? stack.Dropout(c.Param("p"), g) : stack.Dropout2d(c.Param("p"), g);
        var y = layer.Forward(Tensor.FromValues(c.Floats("x"), shape));
        Close(c.Floats("y"), y.Data, Tol.Exact, what + " y");
        var gx = layer.Backward(Tensor.FromValues(c.Floats("grad_output"), shape));
        Close(c.Floats("grad_input"), gx.Data, Tol.Exact, what + " grad_input");
    }
}
