using System.Globalization;
using System.Text.Json;

namespace Verification.Parity;

/// <summary>One case of a golden file: typed access to its fields, with errors that name the missing field.</summary>
public sealed class GoldenCase
{
    /// <summary>Wraps one JSON case object.</summary>
    public GoldenCase(JsonElement json) => Json = json;

    /// <summary>The raw case.</summary>
    public JsonElement Json { get; }

    /// <summary>The op (what PyTorch ran).</summary>
    public string Op => Json.TryGetProperty("op", out var op) ? op.GetString() ?? "" : "";

    /// <summary>The seed given to <c>torch.manual_seed</c>.</summary>
    public ulong Seed => Json.TryGetProperty("seed", out var s) ? s.GetUInt64() : 0;

    /// <summary>A readable name: op, seed and params, e.g. <c>bernoulli_ seed=0 n=1 p=0</c>.</summary>
    public string Name
    {
        get
        {
            var parts = new List<string> { Op, $"seed={Seed}" };
            if (Json.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in p.EnumerateObject())
                {
                    if (property.Name == "order" || property.Name == "calls") continue;
                    parts.Add($"{property.Name}={property.Value}");
                }
            }
            return string.Join(' ', parts);
        }
    }

    /// <summary>True when the case (or its params) has the field.</summary>
    public bool Has(string name) => Json.TryGetProperty(name, out _);

    /// <summary>True when <c>params</c> has the field.</summary>
    public bool HasParam(string name) =>
        Json.TryGetProperty("params", out var p) && p.ValueKind == JsonValueKind.Object && p.TryGetProperty(name, out _);

    /// <summary>A float array field.</summary>
    public float[] Floats(string name) => Field(name).EnumerateArray().Select(v => v.GetSingle()).ToArray();

    /// <summary>An array of float arrays (e.g. <c>grads</c>).</summary>
    public float[][] FloatRows(string name) =>
        Field(name).EnumerateArray().Select(row => row.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();

    /// <summary>An int array field.</summary>
    public int[] Ints(string name) => Field(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    /// <summary>A scalar float field.</summary>
    public float Float(string name) => Field(name).GetSingle();

    /// <summary>A numeric parameter.</summary>
    public double Param(string name) => ParamElement(name).GetDouble();

    /// <summary>A numeric parameter, or <paramref name="fallback"/> when absent.</summary>
    public double Param(string name, double fallback) => HasParam(name) ? Param(name) : fallback;

    /// <summary>A boolean parameter, or <paramref name="fallback"/> when absent.</summary>
    public bool Flag(string name, bool fallback = false) =>
        HasParam(name) ? ParamElement(name).ValueKind == JsonValueKind.True : fallback;

    /// <summary>A 64-bit unsigned parameter (seeds).</summary>
    public ulong UnsignedParam(string name) => ParamElement(name).GetUInt64();

    /// <summary>A shape written as text in params ("60,20").</summary>
    public int[] ShapeParam(string name) =>
        ParamElement(name).GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Nested case objects (<c>parts</c>, <c>train_steps</c>).</summary>
    public IReadOnlyList<GoldenCase> Children(string name) => Field(name).EnumerateArray().Select(e => new GoldenCase(e)).ToArray();

    private JsonElement Field(string name) =>
        Json.TryGetProperty(name, out var value)
            ? value
            : throw new FormatException($"case '{Name}' has no field '{name}'.");

    private JsonElement ParamElement(string name) =>
        Json.TryGetProperty("params", out var p) && p.TryGetProperty(name, out var value)
            ? value
            : throw new FormatException($"case '{Name}' has no parameter '{name}'.");
}
