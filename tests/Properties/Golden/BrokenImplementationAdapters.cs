using System.Text.Json;
using Verification.Core;
using Verification.Parity;

namespace Verification.Properties.Golden;

/// <summary>Runs layers.json's BatchNorm1d case through any BatchNorm-like module (for the broken-implementation tests).</summary>
public static class BatchNormGolden
{
    /// <summary>Throws an xunit failure naming the first mismatch.</summary>
    public static void Run(IModule layer, JsonElement c)
    {
        var check = new CaseCheck();
        LayerGoldenCases.RunBatchNorm(new GoldenCase(c), layer, check);
        GoldenParity.Assert(check, "BatchNorm1d");
    }
}

/// <summary>Runs one optim.json case through any optimizer (for the broken-implementation tests).</summary>
public static class OptimizerGolden
{
    /// <summary>Throws an xunit failure naming the first mismatch.</summary>
    public static void Run(JsonElement c, Func<IReadOnlyList<Parameter>, JsonElement, IOptimizer> create)
    {
        var check = new CaseCheck();
        OptimizerGoldenCases.Run(new GoldenCase(c), parameters => create(parameters, c), check);
        GoldenParity.Assert(check, c.GetProperty("op").GetString()!);
    }
}
