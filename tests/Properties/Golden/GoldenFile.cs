using System.Text.Json;

namespace Verification.Properties.Golden;

/// <summary>Reads one of the golden files copied beside the test assembly (tests/Golden/*.json).</summary>
public static class GoldenFile
{
    private static readonly Dictionary<string, JsonDocument> Cache = new();

    /// <summary>The cases of <paramref name="fileName"/>, each a JSON object.</summary>
    public static IReadOnlyList<JsonElement> Cases(string fileName)
    {
        JsonDocument document;
        lock (Cache)
        {
            if (!Cache.TryGetValue(fileName, out document!))
            {
                string path = Path.Combine(AppContext.BaseDirectory, "Golden", fileName);
                document = JsonDocument.Parse(File.ReadAllBytes(path));
                Cache[fileName] = document;
            }
        }
        return document.RootElement.GetProperty("cases").EnumerateArray().ToArray();
    }

    /// <summary>A float array property.</summary>
    public static float[] Floats(this JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(v => v.GetSingle()).ToArray();

    /// <summary>An int array property.</summary>
    public static int[] Ints(this JsonElement element, string name) =>
        element.GetProperty(name).EnumerateArray().Select(v => v.GetInt32()).ToArray();

    /// <summary>A numeric parameter from the case's <c>params</c> object.</summary>
    public static double Param(this JsonElement element, string name) =>
        element.GetProperty("params").GetProperty(name).GetDouble();

    /// <summary>A numeric parameter, or <paramref name="fallback"/> when the case does not set it.</summary>
    public static double ParamOr(this JsonElement element, string name, double fallback) =>
        element.HasParam(name) ? element.Param(name) : fallback;

    /// <summary>True when the case's <c>params</c> has <paramref name="name"/>.</summary>
    public static bool HasParam(this JsonElement element, string name) =>
        element.TryGetProperty("params", out var p) && p.TryGetProperty(name, out _);

    /// <summary>The case's op name.</summary>
    public static string Op(this JsonElement element) => element.GetProperty("op").GetString()!;

    /// <summary>The case's seed.</summary>
    public static ulong Seed(this JsonElement element) => element.GetProperty("seed").GetUInt64();
}
