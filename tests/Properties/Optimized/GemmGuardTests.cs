using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using Verification.Optimized;
using Verification.Properties.Support;
using Xunit;
using Xunit.Abstractions;
using Layout = Verification.Properties.Optimized.GemmProperties.Layout;

namespace Verification.Properties.Optimized;

/// <summary>
/// The product kernel's contract at its edges: every operand one float short is refused by name before anything is
/// written (the kernels read and write through raw pointers, so a missing check would read or write past the array, not
/// throw), an operand of exactly the needed length is accepted, an empty product leaves C alone and a K = 0 product
/// clears it or keeps it; which products need the transposed scratch; and which kernel a process runs unless a thread
/// asks for another.
/// </summary>
public class GemmGuardTests(ITestOutputHelper output)
{
    /// <summary>A product large enough that MultiplyNT packs Bᵀ inside the product (needs no scratch) on vector paths.</summary>
    private const int M = 20, K = 5, N = 40;

    private static float[] Filled(int length, float value) => Enumerable.Repeat(value, length).ToArray();

    public static TheoryData<Layout, string> ShortOperands() => new()
    {
        { Layout.NN, "a" }, { Layout.NN, "b" }, { Layout.NN, "c" },
        { Layout.TN, "a" }, { Layout.TN, "b" }, { Layout.TN, "c" },
        { Layout.NT, "a" }, { Layout.NT, "b" }, { Layout.NT, "c" },
    };

    [Theory]
    [MemberData(nameof(ShortOperands))]
    public void An_operand_one_float_short_is_refused_by_name_before_C_changes(Layout layout, string operand)
    {
        // A (M, K) and B (K, N) hold M·K and K·N floats in every layout: TN stores A as (K, M), NT stores B as (N, K).
        foreach (GemmPath path in new[] { Gemm.HardwarePath, GemmPath.Scalar })
        {
            int aLength = M * K - (operand == "a" ? 1 : 0);
            int bLength = K * N - (operand == "b" ? 1 : 0);
            int cLength = M * N - (operand == "c" ? 1 : 0);
            var c = Filled(cLength, 7f);
            ProductPath.On(path, () =>
            {
                var error = Assert.Throws<ArgumentException>(() =>
                    GemmProperties.Run(layout, Filled(aLength, 1f), Filled(bLength, 1f), c, M, K, N, false));
                Assert.Equal(operand, error.ParamName);
                int needed = operand switch { "a" => M * K, "b" => K * N, _ => M * N };
                Assert.StartsWith($"{operand} holds {needed - 1} floats but the product needs {needed}.", error.Message);
            });
            Assert.All(c, x => Assert.Equal(7f, x));
        }
    }

    [Theory]
    [InlineData(Layout.NN)]
    [InlineData(Layout.TN)]
    [InlineData(Layout.NT)]
    public void Operands_of_exactly_the_needed_length_give_the_product(Layout layout)
    {
        // All ones: every element of C is K, the same on every path.
        var c = new float[M * N];
        GemmProperties.Run(layout, Filled(M * K, 1f), Filled(K * N, 1f), c, M, K, N, false);
        Assert.All(c, x => Assert.Equal(K, x));
    }

    [Fact]
    public void Transpose_refuses_a_short_source_or_destination_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => Gemm.Transpose(new float[11], new float[12], 3, 4));
        Assert.Equal("source", error.ParamName);
        var destination = Filled(11, 7f);
        error = Assert.Throws<ArgumentException>(() => Gemm.Transpose(new float[12], destination, 3, 4));
        Assert.Equal("destination", error.ParamName);
        Assert.StartsWith("destination holds 11 floats but the product needs 12.", error.Message);
        Assert.All(destination, x => Assert.Equal(7f, x));
    }

    [Fact]
    public void MultiplyNT_refuses_a_short_transposed_scratch_when_it_needs_one()
    {
        // 16 rows: too few to pack Bᵀ strip by strip, so Bᵀ goes through the scratch.
        const int rows = 2 * Gemm.TileRows;
        Assert.True(Gemm.NeedsTransposedCopy(rows, N));
        var c = Filled(rows * N, 7f);
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.MultiplyNT(new float[rows * K], new float[N * K], c, rows, K, N, false, new float[N * K - 1]));
        Assert.Equal("transposedB", error.ParamName);
        Assert.All(c, x => Assert.Equal(7f, x));
    }

    /// <summary>
    /// Bᵀ is packed inside the product exactly when there are more than 16 rows, at least one whole 32-column strip and a
    /// vector path; Linear allocates no scratch for those shapes, so the answer must be right both ways: a shape that
    /// needs the scratch and is given none fails, and one that does not need it works without.
    /// </summary>
    [Theory]
    [InlineData(17, 32, false)]
    [InlineData(16, 32, true)]
    [InlineData(17, 31, true)]
    [InlineData(64, 1024, false)]
    public void NeedsTransposedCopy_holds_exactly_for_short_or_narrow_products_and_the_scalar_path(int m, int n, bool vectorNeeds)
    {
        ProductPath.On(GemmPath.Scalar, () => Assert.True(Gemm.NeedsTransposedCopy(m, n)));
        foreach (GemmPath path in GemmProperties.VectorPaths.Where(p => p.Runs).Select(p => p.Path))
        {
            ProductPath.On(path, () =>
            {
                Assert.Equal(vectorNeeds, Gemm.NeedsTransposedCopy(m, n));
                if (!vectorNeeds)
                {
                    // No scratch at all: the product must still be right (every element K for all-ones operands).
                    var c = new float[m * n];
                    Gemm.MultiplyNT(Filled(m * K, 1f), Filled(n * K, 1f), c, m, K, n, false, Span<float>.Empty);
                    Assert.All(c, x => Assert.Equal(K, x));
                }
            });
        }
    }

    [Theory]
    [InlineData(Layout.NN)]
    [InlineData(Layout.TN)]
    [InlineData(Layout.NT)]
    public void A_product_with_no_rows_or_no_columns_leaves_C_alone(Layout layout)
    {
        var c = Filled(M * N, 7f);
        GemmProperties.Run(layout, new float[0], Filled(K * N, 1f), c, 0, K, N, false);
        GemmProperties.Run(layout, Filled(M * K, 1f), new float[0], c, M, K, 0, false);
        Assert.All(c, x => Assert.Equal(7f, x));
    }

    [Theory]
    [InlineData(Layout.NN)]
    [InlineData(Layout.TN)]
    [InlineData(Layout.NT)]
    public void A_product_over_K_of_zero_is_zero_or_keeps_C_when_it_accumulates(Layout layout)
    {
        // C holds one float more than M·N: the product writes only its first M·N.
        var c = Filled(M * N + 1, 7f);
        GemmProperties.Run(layout, [], [], c, M, 0, N, accumulate: true);
        Assert.All(c, x => Assert.Equal(7f, x));
        GemmProperties.Run(layout, [], [], c, M, 0, N, accumulate: false);
        Assert.All(c[..(M * N)], x => Assert.Equal(0f, x));
        Assert.Equal(7f, c[^1]);
    }

    /// <summary>
    /// The process's kernel is the widest the runtime accelerates (the same width <see cref="KernelPaths.HardwareBits"/>
    /// reports for the fused kernels), and at 128 bits the fused tile only with a hardware fma. Every path gives the same
    /// bits, so no product can tell a wrong choice apart; the choice is still the contract, and <c>isa</c> reports it.
    /// </summary>
    [Fact]
    public void The_process_runs_the_widest_product_kernel_it_accelerates()
    {
        bool hardwareFma = Fma.IsSupported || AdvSimd.IsSupported;
        GemmPath expected = KernelPaths.HardwareBits switch
        {
            512 => GemmPath.Vector512,
            256 => GemmPath.Vector256,
            128 => hardwareFma ? GemmPath.Vector128 : GemmPath.Vector128MultiplyAdd,
            _ => GemmPath.Scalar,
        };
        output.WriteLine($"level {KernelPaths.LevelName(KernelPaths.HardwareBits)}, hardware fma {hardwareFma}: {Gemm.HardwarePath}");
        Assert.Equal(expected, Gemm.HardwarePath);
    }

    [Fact]
    public void A_thread_that_sets_a_path_changes_only_its_own()
    {
        // Only the property is read here, so any path will do as long as it is not the process's.
        GemmPath mine = Gemm.HardwarePath == GemmPath.Scalar ? GemmPath.Vector128MultiplyAdd : GemmPath.Scalar;
        ProductPath.On(mine, () =>
        {
            GemmPath other = mine;
            var thread = new Thread(() => other = Gemm.Path);
            thread.Start();
            thread.Join();
            Assert.Equal(mine, Gemm.Path);
            Assert.Equal(Gemm.HardwarePath, other);
        });
    }
}
