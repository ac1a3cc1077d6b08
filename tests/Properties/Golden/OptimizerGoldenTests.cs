using System.Text.Json;
using Verification.Core;
using Verification.Reference;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Properties.Golden;

/// <summary>optim.json: six steps of SGD, Adam and AdamW from w0 = randn(11) with fixed gradients, against TorchSharp/libtorch.</summary>
public class OptimizerGoldenTests(ITestOutputHelper output)
{
    public static TheoryData<int> CaseIndices() => GoldenCases.Indices("optim.json", _ => true);

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Optimizer_reproduces_six_PyTorch_steps(int index)
    {
        JsonElement c = GoldenFile.Cases("optim.json")[index];
        OptimizerGolden.Run(c, ReferenceOptimizer, output);
    }

    /// <summary>The Reference optimizer a case names, with the case's hyper-parameters and PyTorch's defaults for the rest.</summary>
    public static IOptimizer ReferenceOptimizer(IReadOnlyList<Parameter> parameters, JsonElement c) => c.Op() switch
    {
        "SGD" => new SGD(parameters, c.Param("lr"), c.ParamOr("momentum", 0), c.ParamOr("dampening", 0),
            c.ParamOr("weight_decay", 0), c.Flag("nesterov")),
        "Adam" => new Adam(parameters, c.ParamOr("lr", 1e-3), c.ParamOr("beta1", 0.9), c.ParamOr("beta2", 0.999),
            c.ParamOr("eps", 1e-8), c.ParamOr("weight_decay", 0)),
        "AdamW" => new AdamW(parameters, c.ParamOr("lr", 1e-3), c.ParamOr("beta1", 0.9), c.ParamOr("beta2", 0.999),
            c.ParamOr("eps", 1e-8), c.ParamOr("weight_decay", 1e-2)),
        _ => throw new InvalidOperationException($"unknown optimizer {c.Op()}"),
    };
}

/// <summary>Runs one optim.json case through an optimizer built by <paramref name="create"/>; shared with the broken-implementation tests.</summary>
public static class OptimizerGolden
{
    public static void Run(JsonElement c, Func<IReadOnlyList<Parameter>, JsonElement, IOptimizer> create, ITestOutputHelper? output = null)
    {
        float[] w0 = c.Floats("w0");
        float[][] grads = c.FloatRows("grads"), after = c.FloatRows("after_each_step");
        var parameter = new Parameter(Tensor.Vector(w0));
        IOptimizer optimizer = create([parameter], c);
        string what = $"{c.Op()} {c.GetProperty("params")} seed {c.Seed()}";
        for (int step = 0; step < grads.Length; step++)
        {
            optimizer.ZeroGrad();
            grads[step].CopyTo(parameter.Grad.Data, 0);
            optimizer.Step();
            GoldenCheck.Match(after[step], parameter.Value, GoldenTolerances.Optimizer, $"{what} after step {step + 1}", output);
        }
    }
}
