using System.Text.Json;
using Verification.Core.Checkpoints;
using Verification.Workloads;

namespace Verification.Lab.Commands;

/// <summary>
/// The file of <c>bench --json FILE</c>, written atomically (a temporary file in the same folder, then a rename): the machine's
/// calibration and one measurement per workload and stack (and peer, with <c>--peer</c>). Schema <see cref="Schema"/>, described
/// in docs/performance.md ("The JSON file"); a value that was not measured is null.
/// </summary>
public static class BenchJsonReport
{
    /// <summary>The schema name and version written as <c>"schema"</c>.</summary>
    public const string Schema = "verification-bench/1";

    /// <summary>Writes the report to <paramref name="path"/>.</summary>
    public static void Write(string path, MachineLimits limits, IReadOnlyList<QuickBenchRow> rows, int threads, BenchPeerTimings? peer)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(rows);
        AtomicFile.Write(path, stream =>
        {
            using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
            json.WriteStartObject();
            json.WriteString("schema", Schema);
            json.WriteStartObject("machine");
            json.WriteString("level", limits.Level);
            json.WriteNumber("vectorBits", limits.VectorBits);
            json.WriteNumber("cores", limits.Cores);
            json.WriteNumber("threads", limits.Threads);
            json.WriteNumber("fmaPeakGflops1Thread", limits.PeakGflops1);
            json.WriteNumber("fmaPeakGflopsNThreads", limits.PeakGflopsN);
            json.WriteNumber("copyGBs1Thread", limits.BandwidthGBs1);
            json.WriteNumber("copyGBsNThreads", limits.BandwidthGBsN);
            json.WriteEndObject();
            if (peer is not null)
            {
                json.WriteString("peerSource", peer.Source);
            }
            json.WriteStartArray("measurements");
            foreach (var row in rows)
            {
                if (!double.IsNaN(row.ReferenceMs))
                {
                    Measurement(json, limits, row, "reference", 1, row.ReferenceMs, row.ReferenceBytesPerRun);
                }
                Measurement(json, limits, row, "optimized", threads, row.OptimizedMs, row.OptimizedBytesPerRun);
                if (peer?.MedianMs(row.Workload, threads) is double peerMs)
                {
                    Measurement(json, limits, row, "peer", threads, peerMs, null);
                }
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
    }

    private static void Measurement(Utf8JsonWriter json, MachineLimits limits, QuickBenchRow row, string stack, int threads, double medianMs,
        long? allocated)
    {
        json.WriteStartObject();
        json.WriteString("workload", row.Workload);
        json.WriteString("stack", stack);
        json.WriteString("level", limits.Level);
        json.WriteNumber("threads", threads);
        json.WriteNumber("medianMs", medianMs);
        Number(json, "gflops", row.Flops > 0 ? row.Flops / (medianMs * 1e6) : null);
        Number(json, "gbs", row.BytesMoved > 0 ? row.BytesMoved / (medianMs * 1e6) : null);
        json.WriteString("bound", row.Bound == WorkloadBound.Compute ? "compute" : "memory");
        Number(json, "shareOfLimit", limits.Share(row.Bound, row.Flops, row.BytesMoved, medianMs, threads));
        json.WriteNumber("flopsPerRun", row.Flops);
        json.WriteNumber("bytesPerRun", row.BytesMoved);
        Number(json, "allocatedBytesPerRun", allocated);
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
