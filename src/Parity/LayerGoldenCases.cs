using Verification.Core;
using Verification.Core.Random;

namespace Verification.Parity;

/// <summary>
/// layers.json: Linear, ReLU, Sigmoid and Tanh forward and backward; BatchNorm1d over three training steps and eval;
/// the three losses (mean reduction). The golden inputs and weights are loaded into the stack's own layers.
/// </summary>
public sealed class LayerGoldenCases : IGoldenCaseKind
{
    private static readonly HashSet<string> Ops =
        ["Linear", "ReLU", "Sigmoid", "Tanh", "BatchNorm1d", "MSELoss", "BCEWithLogitsLoss", "CrossEntropyLoss"];

    /// <inheritdoc/>
    public bool Recognizes(GoldenCase c) => Ops.Contains(c.Op) && (c.Op != "Linear" || c.Has("x"));

    /// <inheritdoc/>
    public void Run(GoldenCase c, IStack stack, CaseCheck check)
    {
        switch (c.Op)
        {
            case "Linear": RunLinear(c, stack, check); break;
            case "ReLU": RunActivation(c, stack.ReLU(), ParityTolerances.ReLU, check); break;
            case "Sigmoid": RunActivation(c, stack.Sigmoid(), ParityTolerances.Transcendental, check); break;
            case "Tanh": RunActivation(c, stack.Tanh(), ParityTolerances.Transcendental, check); break;
            case "BatchNorm1d":
                RunBatchNorm(c, stack.BatchNorm1d((int)c.Param("features"), c.Param("eps"), c.Param("momentum")), check);
                break;
            default: RunLoss(c, stack, check); break;
        }
    }

    private static void RunLinear(GoldenCase c, IStack stack, CaseCheck check)
    {
        int[] xShape = c.Ints("x_shape");
        float[] bias = c.Floats("bias");
        var layer = stack.Linear(xShape[1], bias.Length, new TorchGenerator(c.Seed));
        var weight = ModuleAccess.Parameter(layer, "weight");
        var biasParameter = ModuleAccess.Parameter(layer, "bias");
        ModuleAccess.Load(weight, c.Floats("weight"));
        ModuleAccess.Load(biasParameter, bias);
        var tolerance = ParityTolerances.MatrixProduct;
        check.Values("y", c.Floats("y"), layer.Forward(Tensor.FromValues(c.Floats("x"), xShape)).Data, tolerance);
        var gradInput = layer.Backward(Tensor.FromValues(c.Floats("grad_output"), xShape[0], bias.Length));
        check.Values("grad_input", c.Floats("grad_input"), gradInput.Data, tolerance);
        check.Values("grad_weight", c.Floats("grad_weight"), weight.Grad.Data, tolerance);
        check.Values("grad_bias", c.Floats("grad_bias"), biasParameter.Grad.Data, tolerance);
    }

    private static void RunActivation(GoldenCase c, IModule layer, Tolerance tolerance, CaseCheck check)
    {
        var gradientTolerance = tolerance.Exact ? tolerance : ParityTolerances.TranscendentalGradient;
        check.Values("y", c.Floats("y"), layer.Forward(Tensor.Vector(c.Floats("x"))).Data, tolerance);
        check.Values("grad_input", c.Floats("grad_input"), layer.Backward(Tensor.Vector(c.Floats("grad_output"))).Data, gradientTolerance);
    }

    /// <summary>
    /// Runs the BatchNorm1d case through any BatchNorm-like module: three training steps (y, every gradient, the running
    /// statistics after each), then eval. Public so tests can show that broken implementations fail it.
    /// </summary>
    public static void RunBatchNorm(GoldenCase c, IModule layer, CaseCheck check)
    {
        int features = (int)c.Param("features"), batch = (int)c.Param("batch");
        var tolerance = ParityTolerances.BatchNorm;
        var weight = ModuleAccess.Parameter(layer, "weight");
        var bias = ModuleAccess.Parameter(layer, "bias");
        int step = 0;
        layer.SetTraining(true);
        foreach (var s in c.Children("train_steps"))
        {
            step++;
            weight.ZeroGrad();
            bias.ZeroGrad();
            check.Values($"step {step} y", s.Floats("y"), layer.Forward(Tensor.FromValues(s.Floats("x"), batch, features)).Data, tolerance);
            var gradInput = layer.Backward(Tensor.FromValues(s.Floats("grad_output"), batch, features));
            check.Values($"step {step} grad_input", s.Floats("grad_input"), gradInput.Data, tolerance);
            check.Values($"step {step} grad_weight", s.Floats("grad_weight"), weight.Grad.Data, tolerance);
            check.Values($"step {step} grad_bias", s.Floats("grad_bias"), bias.Grad.Data, tolerance);
            check.Values($"step {step} running_mean", s.Floats("running_mean"), ModuleAccess.Buffer(layer, "running_mean").Data, tolerance);
            check.Values($"step {step} running_var", s.Floats("running_var"), ModuleAccess.Buffer(layer, "running_var").Data, tolerance);
        }
        layer.SetTraining(false);
        float[] evalX = c.Floats("eval_x");
        check.Values("eval y", c.Floats("eval_y"), layer.Forward(Tensor.FromValues(evalX, evalX.Length / features, features)).Data, tolerance);
    }

    private static void RunLoss(GoldenCase c, IStack stack, CaseCheck check)
    {
        float[] input = c.Floats("input"), target = c.Floats("target");
        (ILoss loss, Tensor prediction) = c.Op switch
        {
            "MSELoss" => (stack.MSELoss(), Tensor.Vector(input)),
            "BCEWithLogitsLoss" => (stack.BCEWithLogitsLoss(), Tensor.Vector(input)),
            _ => (stack.CrossEntropyLoss(), Tensor.FromValues(input, c.Ints("input_shape"))),
        };
        float value = loss.Forward(prediction, Tensor.Vector(target));
        check.Value("loss", c.Float("loss"), value, ParityTolerances.Loss);
        check.Values("grad_input", c.Floats("grad_input"), loss.Backward().Data, ParityTolerances.Loss);
    }
}
