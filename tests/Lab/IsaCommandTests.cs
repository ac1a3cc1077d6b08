using System.Runtime.Intrinsics;
using Verification.Lab.Tests.Support;
using Verification.Workloads;
using Xunit;

namespace Verification.Lab.Tests;

public class IsaCommandTests
{
    [Fact]
    public void Isa_names_the_widest_accelerated_vectors_of_this_process()
    {
        var (code, output) = LabRun.Invoke("isa");
        Assert.Equal(0, code);
        string expected = Vector512.IsHardwareAccelerated ? "avx512"
            : Vector256.IsHardwareAccelerated ? "avx2"
            : Vector128.IsHardwareAccelerated ? "vector128" : "scalar";
        Assert.Contains($"instruction-set level {expected} ", output);
        Assert.Contains($"{Environment.ProcessorCount} logical cores", output);
    }

    [Fact]
    public void Isa_names_the_body_every_fused_kernel_runs_and_the_product_path()
    {
        var (code, output) = LabRun.Invoke("isa");
        Assert.Equal(0, code);
        int bits = Vector512.IsHardwareAccelerated ? 512
            : Vector256.IsHardwareAccelerated ? 256
            : Vector128.IsHardwareAccelerated ? 128 : 0;
        string body = bits == 0 ? "scalar body" : $"{bits}-bit body ({InstructionSetLevel.Current})";
        Assert.Contains($"fused kernels run their {body}; product path {Verification.Optimized.Gemm.HardwarePath}", output);
        foreach (string kernel in Verification.Optimized.KernelPaths.FusedKernels)
        {
            Assert.Contains($"{kernel}: {body}", output);
        }
    }

    [Fact]
    public void Isa_exits_zero_when_the_expected_level_is_this_one_and_one_otherwise()
    {
        Assert.Equal(0, LabRun.Invoke("isa", "--expect", InstructionSetLevel.Current).ExitCode);
        string other = InstructionSetLevel.Names.First(n => n != InstructionSetLevel.Current);
        var (code, output) = LabRun.Invoke("isa", "--expect", other);
        Assert.Equal(1, code);
        Assert.Contains($"expected level {other} but this process runs at {InstructionSetLevel.Current}", output);
    }

    [Fact]
    public void Isa_refuses_an_unknown_level_with_exit_code_2()
    {
        var (code, output) = LabRun.Invoke("isa", "--expect", "avx1024");
        Assert.Equal(2, code);
        Assert.Contains("avx1024", output);
    }
}
