using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Verification.Lab.Tests.Support;
using Verification.Optimized;
using Verification.Workloads;
using Xunit;

namespace Verification.Lab.Tests;

/// <summary>
/// The <c>bench</c> command in-process, on the smallest workload with short calibrations: the calibration line's form and values,
/// the table's shares, the JSON file's schema, the peer column only with <c>--peer</c>, <c>--isa</c> in a child process, and every
/// bad option refused with exit code 2 before anything is timed.
/// </summary>
public partial class BenchCommandTests
{
    private const string Small = "linear_fwd_bwd_60x256x256";

    private static readonly string[] QuickRun = ["--seconds", "0.01", "--threads", "1", "--copy-megabytes", "8", "--workload", Small];

    [GeneratedRegex(@"calibration \((?<level>[a-z0-9]+), (?<bits>\d+)-bit\): FMA peak (?<peak>\d+\.\d) GFLOP/s on 1 thread; " +
                    @"copy (?<copy>\d+\.\d) GB/s on 1 thread \(8 MiB buffer, bytes read \+ written\)")]
    private static partial Regex CalibrationLine();

    [Fact]
    public void Bench_prints_the_level_and_a_positive_calibration_then_the_workload_as_a_share_of_the_FMA_peak()
    {
        int threadsBefore = Parallelism.MaxDegreeOfParallelism;
        var (code, output) = LabRun.Invoke(["bench", .. QuickRun]);
        Assert.True(code == 0, output);
        Assert.Contains($"bench: instruction-set level {InstructionSetLevel.Current} ", output);
        var calibration = CalibrationLine().Match(output);
        Assert.True(calibration.Success, output);
        Assert.Equal(InstructionSetLevel.Current, calibration.Groups["level"].Value);
        Assert.Equal((32 * FmaPeak.Lanes).ToString(CultureInfo.InvariantCulture), calibration.Groups["bits"].Value);
        double peak = double.Parse(calibration.Groups["peak"].Value, CultureInfo.InvariantCulture);
        double copy = double.Parse(calibration.Groups["copy"].Value, CultureInfo.InvariantCulture);
        Assert.True(peak > 0 && double.IsFinite(peak), output);
        Assert.True(copy > 0 && double.IsFinite(copy), output);

        string row = TableRow(output);
        Assert.Matches(@"\d+\.\d%", row); // the share of the limit
        Assert.Contains("771072", row); // bytes moved: 4·(2·60·256 + 2·256·256 + 2·60·256 + 256)
        Assert.Contains("targets (1 thread(s)", output);
        Assert.Contains("≤ 0 B/run", output);
        Assert.DoesNotContain("peer", output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("mlp784_step", output);
        Assert.DoesNotContain("PyTorch", output);
        Assert.Equal(threadsBefore, Parallelism.MaxDegreeOfParallelism);
    }

    [Fact]
    public void Bench_json_writes_every_measurement_with_the_schema_and_leaves_no_temporary_file()
    {
        string folder = Directory.CreateTempSubdirectory("bench-json-").FullName;
        try
        {
            string path = Path.Combine(folder, "bench.json");
            var (code, output) = LabRun.Invoke(["bench", .. QuickRun, "--json", path]);
            Assert.True(code == 0, output);
            Assert.Equal(["bench.json"], Directory.GetFiles(folder).Select(Path.GetFileName));
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            Assert.Equal(BenchJsonSchema, root.GetProperty("schema").GetString());
            var machine = root.GetProperty("machine");
            Assert.Equal(InstructionSetLevel.Current, machine.GetProperty("level").GetString());
            Assert.Equal(Environment.ProcessorCount, machine.GetProperty("cores").GetInt32());
            double peak = machine.GetProperty("fmaPeakGflops1Thread").GetDouble();
            foreach (string limit in new[] { "fmaPeakGflops1Thread", "fmaPeakGflopsNThreads", "copyGBs1Thread", "copyGBsNThreads" })
            {
                double value = machine.GetProperty(limit).GetDouble();
                Assert.True(value > 0 && double.IsFinite(value), $"{limit} = {value}");
            }
            var measurements = root.GetProperty("measurements").EnumerateArray().ToList();
            Assert.Equal(["reference", "optimized"], measurements.Select(m => m.GetProperty("stack").GetString()));
            foreach (var m in measurements)
            {
                Assert.Equal(Small, m.GetProperty("workload").GetString());
                Assert.Equal(InstructionSetLevel.Current, m.GetProperty("level").GetString());
                Assert.Equal(1, m.GetProperty("threads").GetInt32());
                Assert.Equal("compute", m.GetProperty("bound").GetString());
                Assert.Equal(3 * 2.0 * 60 * 256 * 256, m.GetProperty("flopsPerRun").GetDouble());
                Assert.Equal(771072, m.GetProperty("bytesPerRun").GetDouble());
                double ms = m.GetProperty("medianMs").GetDouble(), gflops = m.GetProperty("gflops").GetDouble();
                Assert.True(ms > 0, $"medianMs {ms}");
                Assert.Equal(3 * 2.0 * 60 * 256 * 256 / (ms * 1e6), gflops, 1e-9);
                Assert.Equal(gflops / peak, m.GetProperty("shareOfLimit").GetDouble(), 1e-9);
                Assert.True(m.GetProperty("allocatedBytesPerRun").GetInt64() >= 0);
            }
            Assert.Equal(0, measurements[1].GetProperty("allocatedBytesPerRun").GetInt64());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private const string BenchJsonSchema = "verification-bench/1";

    private static string TableRow(string output) =>
        output.Split('\n').Single(line => line.Contains(Small, StringComparison.Ordinal) && line.Contains("FMA peak", StringComparison.Ordinal));

    [Fact]
    public void Bench_shows_a_peer_column_only_with_peer_timings_taken_at_the_same_thread_count()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, $$"""
                { "source": "test peer", "timings": [ { "workload": "{{Small}}", "threads": 1, "medianMs": 123.5 },
                                                     { "workload": "{{Small}}", "threads": 2, "medianMs": 98.5 } ] }
                """);
            var (code, output) = LabRun.Invoke(["bench", .. QuickRun, "--peer", path]);
            Assert.True(code == 0, output);
            Assert.Contains("peer ms (1t)", output);
            Assert.Contains("Optimized/peer", output);
            string row = TableRow(output);
            Assert.Contains("123.5", row);
            Assert.DoesNotContain("98.5", row);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Bench_isa_scalar_runs_a_child_process_whose_calibration_is_at_the_scalar_level()
    {
        var (code, output) = LabRun.Invoke(["bench", .. QuickRun, "--isa", "scalar"]);
        Assert.True(code == 0, output);
        Assert.Contains("instruction-set level scalar ", output);
        Assert.Contains("calibration (scalar, 32-bit)", output);
        if (InstructionSetLevel.Current != "scalar")
        {
            Assert.Contains("DOTNET_EnableHWIntrinsic=0", output);
        }
    }

    [Fact]
    public void The_catalog_counts_the_dropout_passes_bytes_and_judges_them_against_the_copy_bandwidth()
    {
        var dropout2d = WorkloadCatalog.Create("dropout2d_train", Stacks.Optimized);
        Assert.Equal(WorkloadBound.Memory, dropout2d.Bound);
        Assert.Equal(2.0 * 4 * 64 * 256 * 32 * 32, dropout2d.BytesMoved); // read x, write y: 134,217,728 bytes
        Assert.Equal(0, dropout2d.ProductFlops);
        var large = WorkloadCatalog.Create("linear_fwd_bwd_256x1024x1024", Stacks.Optimized);
        Assert.Equal(WorkloadBound.Compute, large.Bound);
        Assert.Equal(3 * 2.0 * 256 * 1024 * 1024, large.ProductFlops);
    }

    [Fact]
    public void The_conv_workloads_count_their_product_flops_and_the_digits_epoch_trains()
    {
        var conv = WorkloadCatalog.Create("conv2d_fwd_bwd", Stacks.Optimized);
        Assert.Equal(WorkloadBound.Compute, conv.Bound);
        Assert.Equal(2.0 * 3 * 64 * 64 * 32 * 32 * 32 * 9, conv.ProductFlops); // forward, ∂W, ∂x: N·C_out·H·W·C_in·k² each
        Assert.Equal(4 * (2.0 * 64 * 32 * 32 * 32 + 2.0 * 64 * 64 * 32 * 32 + 2.0 * 64 * 32 * 9 + 2.0 * 64), conv.BytesMoved);
        var epoch = WorkloadCatalog.Create("conv_digits_epoch", Stacks.Optimized);
        Assert.Equal(142_080_000, epoch.ProductFlops); // 2 × 3 × (8·64·9 + 16·16·72 + 64·10) × 1,000 digits
        epoch.Run(); // an epoch runs end to end on the stack (shapes, loader, optimizer wired as the script wires them)
    }

    [Fact]
    public void A_share_is_the_rate_over_the_roof_at_the_run_s_thread_count()
    {
        var limits = new MachineLimits("avx2", 256, 2, 2, PeakGflops1: 100, PeakGflopsN: 200, BandwidthGBs1: 10, BandwidthGBsN: 16);
        Assert.Equal(0.5, limits.Share(WorkloadBound.Compute, flops: 1e9, bytes: 0, medianMs: 20, threads: 1)); // 50 GFLOP/s of 100
        Assert.Equal(0.25, limits.Share(WorkloadBound.Compute, flops: 1e9, bytes: 0, medianMs: 20, threads: 2));
        Assert.Equal(0.5, limits.Share(WorkloadBound.Memory, flops: 0, bytes: 8e7, medianMs: 10, threads: 2)); // 8 GB/s of 16
        Assert.Null(limits.Share(WorkloadBound.Memory, flops: 1e9, bytes: 0, medianMs: 10, threads: 1));
        Assert.Null(limits.Share(WorkloadBound.Compute, flops: 1e9, bytes: 0, medianMs: double.NaN, threads: 1));
    }

    [Theory]
    [InlineData("--seconds", "0", "--seconds must be a positive number of seconds, but got 0.")]
    [InlineData("--seconds", "-0.5", "--seconds must be a positive number of seconds, but got -0.5.")]
    [InlineData("--threads", "0", "--threads must be at least 1, but got 0.")]
    [InlineData("--copy-megabytes", "0", "--copy-megabytes must be between 1 and 1024, but got 0.")]
    [InlineData("--json", "/no/such/folder/bench.json", "--json must name a file in an existing folder, but got '/no/such/folder/bench.json'.")]
    [InlineData("--peer", "/no/such/peer.json", "--peer must name a readable JSON file of peer timings, but '/no/such/peer.json' could not be read")]
    [InlineData("--isa", "avx512", "Argument 'avx512' not recognized. Must be one of:")]
    [InlineData("--workload", "mlp999_step",
        "--workload must be one of seed000_experiment, mlp784_step, dropout16M_train, dropout2d_train, linear_fwd_bwd_60x256x256, " +
            "linear_fwd_bwd_256x1024x1024, conv_digits_epoch, conv2d_fwd_bwd, but got 'mlp999_step'.")]
    public void Bench_refuses_a_bad_option_with_exit_code_2_naming_the_option_the_value_and_the_expectation(string option, string value,
        string message)
    {
        var (code, output) = LabRun.Invoke("bench", option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, output.ReplaceLineEndings(""));
        Assert.DoesNotContain("calibration", output);
    }

    [Theory]
    [InlineData("not json", "must be JSON, but it does not parse")]
    [InlineData("""{ "timings": 3 }""", "must be an object with a \"timings\" array")]
    [InlineData("""{ "timings": [ { "workload": "resnet", "threads": 1, "medianMs": 2 } ] }""",
        "timings[0].workload must be one of seed000_experiment")]
    [InlineData("""{ "timings": [ { "workload": "mlp784_step", "threads": 0, "medianMs": 2 } ] }""",
        "timings[0].threads must be an integer of at least 1, but got 0.")]
    [InlineData("""{ "timings": [ { "workload": "mlp784_step", "threads": 1, "medianMs": -2 } ] }""",
        "timings[0].medianMs must be a positive number of milliseconds, but got -2.")]
    public void Bench_refuses_a_malformed_peer_file_with_exit_code_2_saying_what_is_wrong(string content, string message)
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, content);
            var (code, output) = LabRun.Invoke("bench", "--peer", path);
            Assert.Equal(2, code);
            Assert.Contains(message, output.ReplaceLineEndings(""));
            Assert.DoesNotContain("calibration", output);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
