using System.Runtime.Intrinsics;
using Verification.Optimized;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Optimized;

/// <summary>
/// What <see cref="KernelPaths"/> reports, which <c>isa</c> prints and the ISA gate reads: the widest accelerated width,
/// the level names, the per-thread cap (refusing widths that are not one), and the description's lines. Every body gives
/// the same bits, so no kernel result can tell a wrong report apart; these are checked directly.
/// </summary>
public class KernelPathsTests
{
    [Fact]
    public void The_hardware_width_is_the_widest_vector_the_runtime_accelerates()
    {
        int expected = Vector512.IsHardwareAccelerated ? 512
            : Vector256.IsHardwareAccelerated ? 256
            : Vector128.IsHardwareAccelerated ? 128
            : 0;
        Assert.Equal(expected, KernelPaths.HardwareBits);
    }

    [Theory]
    [InlineData(512, "avx512")]
    [InlineData(256, "avx2")]
    [InlineData(128, "vector128")]
    [InlineData(0, "scalar")]
    [InlineData(64, "scalar")]
    public void Each_width_has_the_level_name_isa_uses(int bits, string level) => Assert.Equal(level, KernelPaths.LevelName(bits));

    [Fact]
    public void The_cap_reads_back_as_set_and_lowers_the_width_on_this_thread_only()
    {
        KernelWidth.At(null, () =>
        {
            Assert.Null(KernelPaths.Limit);
            Assert.Equal(KernelPaths.HardwareBits, KernelPaths.Bits);
        });
        foreach (int bits in new[] { 0, 128, 256, 512 })
        {
            KernelWidth.At(bits, () =>
            {
                Assert.Equal(bits, KernelPaths.Limit);
                Assert.Equal(Math.Min(bits, KernelPaths.HardwareBits), KernelPaths.Bits);
                int other = -1;
                var thread = new Thread(() => other = KernelPaths.Bits);
                thread.Start();
                thread.Join();
                Assert.Equal(KernelPaths.HardwareBits, other);
            });
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(64)]
    [InlineData(1024)]
    [InlineData(-128)]
    public void A_cap_that_is_not_a_vector_width_is_refused_and_the_cap_kept(int bits)
    {
        KernelWidth.At(128, () =>
        {
            var error = Assert.Throws<ArgumentOutOfRangeException>(() => KernelPaths.Limit = bits);
            Assert.Equal("value", error.ParamName);
            Assert.Equal(bits, error.ActualValue);
            Assert.Contains("a vector width in bits must be 0, 128, 256 or 512.", error.Message, StringComparison.Ordinal);
            Assert.Equal(128, KernelPaths.Limit);
        });
    }

    public static TheoryData<int> Widths() => new() { 0, 128, 256, 512 };

    [Theory]
    [MemberData(nameof(Widths))]
    public void The_description_names_the_body_and_the_product_path_and_lists_every_fused_kernel(int cap)
    {
        KernelWidth.At(cap, () =>
        {
            int bits = KernelPaths.Bits;
            string body = bits == 0 ? "scalar body" : $"{bits}-bit body ({KernelPaths.LevelName(bits)})";
            string[] lines = KernelPaths.Describe().Split(Environment.NewLine);
            // The whole first line: a note appended where the processor has an FMA unit would claim one missing.
            string fma = ExactFma.IsEmulated ? "; no FMA unit: the fused kernels' 128-bit fma emulated exactly (double sum)" : "";
            Assert.Equal($"fused kernels run their {body}; product path {Gemm.Path}{fma}", lines[0]);
            Assert.Equal(KernelPaths.FusedKernels.Select(kernel => $"  {kernel}: {body}"), lines.Skip(1));
        });
    }

    [Fact]
    public void The_fused_kernels_are_ten_distinct_names()
    {
        Assert.Equal(10, KernelPaths.FusedKernels.Count);
        Assert.All(KernelPaths.FusedKernels, name => Assert.False(string.IsNullOrWhiteSpace(name)));
        Assert.Equal(KernelPaths.FusedKernels.Count, KernelPaths.FusedKernels.Distinct().Count());
    }
}
