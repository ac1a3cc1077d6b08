using Verification.Core;
using Verification.Core.Random;

namespace Verification.Parity;

/// <summary>
/// conv.json: <c>Conv2d</c> built right after <c>manual_seed</c> (its initial weight and bias compared bit for bit), then
/// forward and backward on the golden x and grad_output; <c>MaxPool2d</c> and <c>AvgPool2d</c> forward and backward;
/// <c>BatchNorm2d</c> over three training steps (every gradient and the running statistics after each), then eval.
/// </summary>
public sealed class ConvGoldenCases : IGoldenCaseKind
{
    private static readonly HashSet<string> Ops = ["Conv2d", "MaxPool2d", "AvgPool2d", "BatchNorm2d"];

    /// <inheritdoc/>
    public bool Recognizes(GoldenCase c) => Ops.Contains(c.Op);

    /// <inheritdoc/>
    public void Run(GoldenCase c, IStack stack, CaseCheck check)
    {
        switch (c.Op)
        {
            case "Conv2d": RunConv(c, stack, check); break;
            case "MaxPool2d":
                RunPool(c, stack.MaxPool2d((int)c.Param("kernel_size"), (int)c.Param("stride"), (int)c.Param("padding", 0)),
                    ParityTolerances.MaxPool, check);
                break;
            case "AvgPool2d":
                RunPool(c, stack.AvgPool2d((int)c.Param("kernel_size"), (int)c.Param("stride"), (int)c.Param("padding", 0)),
                    ParityTolerances.AvgPool, check);
                break;
            default:
                RunBatchNorm(c, stack.BatchNorm2d((int)c.Param("features"), c.Param("eps"), c.Param("momentum")), check);
                break;
        }
    }

    private static void RunConv(GoldenCase c, IStack stack, CaseCheck check) =>
        RunConv(c, stack.Conv2d((int)c.Param("in_channels"), (int)c.Param("out_channels"), (int)c.Param("kernel_size"),
            new TorchGenerator(c.Seed), (int)c.Param("stride"), (int)c.Param("padding"), (int)c.Param("dilation"),
            (int)c.Param("groups"), bias: c.Has("bias")), check);

    /// <summary>
    /// Runs a Conv2d case through any Conv2d-like module built from the case's seed and parameters. Public so tests can
    /// show that broken implementations fail it.
    /// </summary>
    public static void RunConv(GoldenCase c, IModule layer, CaseCheck check)
    {
        var weight = ModuleAccess.Parameter(layer, "weight");
        check.Values("initial weight", c.Floats("weight"), weight.Value.Data, ParityTolerances.ConvInit);
        Parameter? bias = null;
        if (c.Has("bias"))
        {
            bias = ModuleAccess.Parameter(layer, "bias");
            check.Values("initial bias", c.Floats("bias"), bias.Value.Data, ParityTolerances.ConvInit);
        }
        // Later comparisons start from PyTorch's own weights, so an init mismatch is reported once, above.
        ModuleAccess.Load(weight, c.Floats("weight"));
        if (bias is not null) ModuleAccess.Load(bias, c.Floats("bias"));

        Tensor y = layer.Forward(Tensor.FromValues(c.Floats("x"), c.Ints("x_shape")));
        check.Integers("y shape", c.Ints("y_shape"), y.Shape);
        check.Values("y", c.Floats("y"), y.Data, ParityTolerances.Convolution);
        Tensor gradInput = layer.Backward(Tensor.FromValues(c.Floats("grad_output"), c.Ints("y_shape")));
        check.Values("grad_input", c.Floats("grad_input"), gradInput.Data, ParityTolerances.Convolution);
        check.Values("grad_weight", c.Floats("grad_weight"), weight.Grad.Data, ParityTolerances.ConvolutionParameterGradient);
        if (bias is not null) check.Values("grad_bias", c.Floats("grad_bias"), bias.Grad.Data, ParityTolerances.ConvolutionParameterGradient);
    }

    /// <summary>Runs a pooling case through any pooling module. Public so tests can show that broken implementations fail it.</summary>
    public static void RunPool(GoldenCase c, IModule layer, Tolerance tolerance, CaseCheck check)
    {
        Tensor y = layer.Forward(Tensor.FromValues(c.Floats("x"), c.Ints("x_shape")));
        check.Integers("y shape", c.Ints("y_shape"), y.Shape);
        check.Values("y", c.Floats("y"), y.Data, tolerance);
        Tensor gradInput = layer.Backward(Tensor.FromValues(c.Floats("grad_output"), c.Ints("y_shape")));
        check.Values("grad_input", c.Floats("grad_input"), gradInput.Data, tolerance);
    }

    /// <summary>
    /// Three training steps (y, every gradient, the running statistics after each; gradients cleared before each step, as
    /// the golden script's fresh backward does), then eval on <c>eval_x</c>, whose shape is the steps' with another batch size.
    /// </summary>
    private static void RunBatchNorm(GoldenCase c, IModule layer, CaseCheck check)
    {
        var tolerance = ParityTolerances.BatchNorm;
        var weight = ModuleAccess.Parameter(layer, "weight");
        var bias = ModuleAccess.Parameter(layer, "bias");
        int[] shape = [];
        int step = 0;
        layer.SetTraining(true);
        foreach (var s in c.Children("train_steps"))
        {
            step++;
            weight.ZeroGrad();
            bias.ZeroGrad();
            shape = s.Ints("x_shape");
            check.Values($"step {step} y", s.Floats("y"), layer.Forward(Tensor.FromValues(s.Floats("x"), shape)).Data, tolerance);
            var gradInput = layer.Backward(Tensor.FromValues(s.Floats("grad_output"), shape));
            check.Values($"step {step} grad_input", s.Floats("grad_input"), gradInput.Data, tolerance);
            check.Values($"step {step} grad_weight", s.Floats("grad_weight"), weight.Grad.Data, tolerance);
            check.Values($"step {step} grad_bias", s.Floats("grad_bias"), bias.Grad.Data, tolerance);
            check.Values($"step {step} running_mean", s.Floats("running_mean"), ModuleAccess.Buffer(layer, "running_mean").Data, tolerance);
            check.Values($"step {step} running_var", s.Floats("running_var"), ModuleAccess.Buffer(layer, "running_var").Data, tolerance);
        }
        layer.SetTraining(false);
        float[] evalX = c.Floats("eval_x");
        int perSample = shape[1] * shape[2] * shape[3];
        var eval = Tensor.FromValues(evalX, evalX.Length / perSample, shape[1], shape[2], shape[3]);
        check.Values("eval y", c.Floats("eval_y"), layer.Forward(eval).Data, tolerance);
    }
}
