using Verification.Lab;
using Verification.Optimized;
using Verification.Lab.Tests.Support;
using Xunit;

namespace Verification.Lab.Tests;

/// <summary>The <c>bench</c> command in-process: a tiny run of one small workload, and every bad option refused with exit code 2.</summary>
public class BenchCommandTests
{
    [Fact]
    public void Bench_times_one_small_workload_for_both_stacks_and_reports_it_against_PyTorch_and_the_targets()
    {
        int threadsBefore = Parallelism.MaxDegreeOfParallelism;
        var (code, output) = LabRun.Invoke("bench", "--seconds", "0.01", "--threads", "1", "--workload", "dropout2d_train");
        Assert.True(code == 0, output);
        Assert.Contains("dropout2d_train", output);
        Assert.Contains("Reference ms", output);
        Assert.Contains("Optimized/PyTorch 1t", output);
        Assert.Contains("178.0", output); // PyTorch's 1-thread time (docs/performance.md)
        Assert.Contains("≤ 17.8 ms", output); // the target: ≤ 0.1× libtorch
        Assert.Contains("targets (1 thread(s))", output);
        Assert.True(output.Contains("pass", StringComparison.Ordinal) || output.Contains("short", StringComparison.Ordinal), output);
        Assert.DoesNotContain("mlp784_step", output);
        Assert.Equal(threadsBefore, Parallelism.MaxDegreeOfParallelism);
    }

    [Theory]
    [InlineData("--seconds", "0", "--seconds must be a positive number of seconds, but got 0.")]
    [InlineData("--seconds", "-0.5", "--seconds must be a positive number of seconds, but got -0.5.")]
    [InlineData("--threads", "0", "--threads must be at least 1, but got 0.")]
    [InlineData("--workload", "mlp999_step",
        "--workload must be one of seed000_experiment, mlp784_step, dropout16M_train, dropout2d_train, linear_fwd_bwd_60x256x256, " +
            "linear_fwd_bwd_256x1024x1024, but got 'mlp999_step'.")]
    public void Bench_refuses_a_bad_option_with_exit_code_2_naming_the_option_the_value_and_the_expectation(string option, string value,
        string message)
    {
        var (code, output) = LabRun.Invoke("bench", option, value);
        Assert.Equal(2, code);
        Assert.Contains(message, output.ReplaceLineEndings(""));
    }
}
