using System.Text.Json;
using Verification.Core.Random;
using Verification.Reference;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Properties.Golden;

/// <summary>init.json: <c>torch.manual_seed(s); nn.Linear(in, out)</c>, weight then bias, bit for bit.</summary>
public class InitGoldenTests(ITestOutputHelper output)
{
    public static TheoryData<int> CaseIndices() => GoldenCases.Indices("init.json", _ => true);

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Linear_initialisation_reproduces_PyTorch_bit_for_bit(int index)
    {
        JsonElement c = GoldenFile.Cases("init.json")[index];
        int inFeatures = (int)c.Param("in"), outFeatures = (int)c.Param("out");
        var layer = new Linear(inFeatures, outFeatures, new TorchGenerator(c.Seed()));
        string what = $"Linear({inFeatures}, {outFeatures}) seed {c.Seed()}";
        GoldenCheck.Match(c.Floats("weight"), layer.Weight.Value, GoldenTolerances.LinearInit, $"{what} weight", output);
        GoldenCheck.Match(c.Floats("bias"), layer.Bias!.Value, GoldenTolerances.LinearInit, $"{what} bias", output);
    }
}

/// <summary>Theory data over golden cases.</summary>
public static class GoldenCases
{
    /// <summary>Indices of the cases of <paramref name="fileName"/> that satisfy <paramref name="select"/>.</summary>
    public static TheoryData<int> Indices(string fileName, Func<JsonElement, bool> select)
    {
        var data = new TheoryData<int>();
        var cases = GoldenFile.Cases(fileName);
        for (int i = 0; i < cases.Count; i++)
        {
            if (select(cases[i])) data.Add(i);
        }
        return data;
    }

    /// <summary>A list-of-lists float property, e.g. optim.json's <c>grads</c>.</summary>
    public static float[][] FloatRows(this JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();

    /// <summary>A number in <c>params</c>, or <paramref name="fallback"/> when absent.</summary>
    public static double ParamOr(this JsonElement element, string name, double fallback) =>
        element.HasParam(name) ? element.Param(name) : fallback;

    /// <summary>A boolean in <c>params</c>, false when absent.</summary>
    public static bool Flag(this JsonElement element, string name) =>
        element.TryGetProperty("params", out var p) && p.TryGetProperty(name, out var v) && v.GetBoolean();
}
