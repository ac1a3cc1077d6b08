using System.Text.Json;
using Verification.Workloads;

namespace Verification.Lab.Commands;

/// <summary>
/// Timings of the same workloads by another implementation (PyTorch, typically) taken on this machine, read from the file of
/// <c>bench --peer FILE</c>. The format (docs/performance.md; <c>benchmarks/peer/torch_peer.py</c> writes it):
/// <code>
/// { "source": "libtorch 2.10.0 (torch 2.10.0+cpu)",
///   "timings": [ { "workload": "mlp784_step", "threads": 1, "medianMs": 19.5 }, ... ] }
/// </code>
/// Only a timing at the thread count the Optimized stack ran with is compared.
/// </summary>
public sealed class BenchPeerTimings
{
    private readonly Dictionary<(string Workload, int Threads), double> _medianMs;

    private BenchPeerTimings(string source, Dictionary<(string, int), double> medianMs)
    {
        Source = source;
        _medianMs = medianMs;
    }

    /// <summary>What produced the timings, as the file says (e.g. "libtorch 2.10.0").</summary>
    public string Source { get; }

    /// <summary>The peer's median milliseconds for <paramref name="workload"/> on <paramref name="threads"/> threads, or null.</summary>
    public double? MedianMs(string workload, int threads) => _medianMs.TryGetValue((workload, threads), out double ms) ? ms : null;

    /// <summary>
    /// Reads and checks <paramref name="path"/>: returns the timings, or null with <paramref name="error"/> naming the option, the
    /// value and what was expected.
    /// </summary>
    public static BenchPeerTimings? Read(string path, out string error)
    {
        error = "";
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            error = $"--peer must name a readable JSON file of peer timings, but '{path}' could not be read: {e.Message}";
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("timings", out var timings) ||
                timings.ValueKind != JsonValueKind.Array)
            {
                error = $"--peer file '{path}' must be an object with a \"timings\" array (docs/performance.md, \"Peer timings\").";
                return null;
            }
            string source = root.TryGetProperty("source", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()! : "peer";
            var medians = new Dictionary<(string, int), double>();
            int index = 0;
            foreach (var entry in timings.EnumerateArray())
            {
                string? workload = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty("workload", out var w) &&
                    w.ValueKind == JsonValueKind.String ? w.GetString() : null;
                if (workload is null || !WorkloadCatalog.Names.Contains(workload))
                {
                    error = $"--peer file '{path}': timings[{index}].workload must be one of {string.Join(", ", WorkloadCatalog.Names)}, " +
                            $"but got {Show(entry, "workload")}.";
                    return null;
                }
                if (!entry.TryGetProperty("threads", out var t) || t.ValueKind != JsonValueKind.Number || !t.TryGetInt32(out int threads) ||
                    threads < 1)
                {
                    error = $"--peer file '{path}': timings[{index}].threads must be an integer of at least 1, but got {Show(entry, "threads")}.";
                    return null;
                }
                if (!entry.TryGetProperty("medianMs", out var m) || m.ValueKind != JsonValueKind.Number || !(m.GetDouble() > 0) ||
                    double.IsInfinity(m.GetDouble()))
                {
                    error = $"--peer file '{path}': timings[{index}].medianMs must be a positive number of milliseconds, " +
                            $"but got {Show(entry, "medianMs")}.";
                    return null;
                }
                medians[(workload, threads)] = m.GetDouble();
                index++;
            }
            return new BenchPeerTimings(source, medians);
        }
        catch (JsonException e)
        {
            error = $"--peer file '{path}' must be JSON, but it does not parse: {e.Message}";
            return null;
        }
    }

    private static string Show(JsonElement entry, string property) =>
        entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(property, out var value)
            ? value.GetRawText()
            : "nothing";
}
