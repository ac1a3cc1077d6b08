using Verification.Core;

namespace Verification.Parity;

/// <summary>optim.json: SGD (plain, momentum with weight decay, Nesterov), Adam (± weight decay), AdamW — six steps each.</summary>
public sealed class OptimizerGoldenCases : IGoldenCaseKind
{
    /// <inheritdoc/>
    public bool Recognizes(GoldenCase c) => c.Op is "SGD" or "Adam" or "AdamW";

    /// <inheritdoc/>
    public void Run(GoldenCase c, IStack stack, CaseCheck check) => Run(c, parameters => Create(stack, parameters, c), check);

    /// <summary>The optimizer a case names, with its hyper-parameters and PyTorch's defaults for the rest.</summary>
    public static IOptimizer Create(IStack stack, IReadOnlyList<Parameter> parameters, GoldenCase c) => c.Op switch
    {
        "SGD" => stack.SGD(parameters, c.Param("lr"), c.Param("momentum", 0), c.Param("dampening", 0), c.Param("weight_decay", 0),
            c.Flag("nesterov")),
        "Adam" => stack.Adam(parameters, c.Param("lr", 1e-3), c.Param("beta1", 0.9), c.Param("beta2", 0.999), c.Param("eps", 1e-8),
            c.Param("weight_decay", 0)),
        "AdamW" => stack.AdamW(parameters, c.Param("lr", 1e-3), c.Param("beta1", 0.9), c.Param("beta2", 0.999), c.Param("eps", 1e-8),
            c.Param("weight_decay", 1e-2)),
        _ => throw new FormatException($"unknown optimizer '{c.Op}'."),
    };

    /// <summary>Runs the six steps through an optimizer made by <paramref name="create"/> (public for broken-implementation tests).</summary>
    public static void Run(GoldenCase c, Func<IReadOnlyList<Parameter>, IOptimizer> create, CaseCheck check)
    {
        float[][] grads = c.FloatRows("grads"), after = c.FloatRows("after_each_step");
        var parameter = new Parameter(Tensor.Vector(c.Floats("w0")));
        var optimizer = create([parameter]);
        for (int step = 0; step < grads.Length; step++)
        {
            optimizer.ZeroGrad();
            grads[step].CopyTo(parameter.Grad.Data, 0);
            optimizer.Step();
            check.Values($"after step {step + 1}", after[step], parameter.Value.Data, ParityTolerances.Optimizer);
        }
    }
}
