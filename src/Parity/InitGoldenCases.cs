using Verification.Core;
using Verification.Core.Random;

namespace Verification.Parity;

/// <summary>init.json: <c>nn.Linear(in, out)</c> right after <c>torch.manual_seed(seed)</c> — weight, then bias.</summary>
public sealed class InitGoldenCases : IGoldenCaseKind
{
    /// <inheritdoc/>
    public bool Recognizes(GoldenCase c) => c.Op == "Linear" && !c.Has("x");

    /// <inheritdoc/>
    public void Run(GoldenCase c, IStack stack, CaseCheck check)
    {
        var layer = stack.Linear((int)c.Param("in"), (int)c.Param("out"), new TorchGenerator(c.Seed));
        check.Values("weight", c.Floats("weight"), ModuleAccess.Parameter(layer, "weight").Value.Data, ParityTolerances.LinearInit);
        check.Values("bias", c.Floats("bias"), ModuleAccess.Parameter(layer, "bias").Value.Data, ParityTolerances.LinearInit);
    }
}
