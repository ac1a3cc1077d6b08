using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Optimized;
using Verification.Properties.Support;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Properties.Optimized;

/// <summary>
/// The product kernel against a naive double-precision product, each vector path against its scalar chain (the fused
/// one, or for x86 without FMA the multiply-then-add one), and one thread against two. Shapes include 1×1, sizes that
/// are not multiples of 8, 16 or 32, tall and skinny ones, K past the 256-wide k-block, and N ≥ 128 with more than two
/// row tiles (where B's strips are packed).
/// </summary>
public partial class GemmProperties(ITestOutputHelper output)
{
    /// <summary>
    /// The product kernels against a double-precision naive product: a float fma chain of length K carries at most
    /// about K·2⁻²⁴·Σ|aᵢbᵢ| error. The property checks <c>|c − exact| ≤ GemmChainFactor · K · 2⁻²⁴ · Σ|aᵢbᵢ| + tiny</c>.
    /// </summary>
    private const double GemmChainFactor = 1.0;

    public enum Layout { NN, TN, NT }

    private static Gen<int> Size(int max) => Gen.OneOf(Gen.Choose(1, max), Gen.Elements(1, 7, 8, 9, 15, 16, 17, 31, 32, 33));

    private static Arbitrary<(int M, int K, int N, Layout Layout, bool Accumulate, int Seed)> Shapes() =>
        (from m in Size(70)
         from k in Gen.OneOf(Size(70), Gen.Choose(250, 530))
         from n in Gen.OneOf(Size(100), Gen.Choose(128, 200))
         from layout in Gen.Elements(Layout.NN, Layout.TN, Layout.NT)
         from accumulate in Gen.Elements(false, true)
         from seed in Gen.Choose(0, int.MaxValue)
         select (m, k, n, layout, accumulate, seed)).ToArbitrary();

    /// <summary>Operands for C (M, N) = op(A)·op(B): A stored (M, K) or (K, M) for TN; B stored (K, N) or (N, K) for NT.</summary>
    private static (float[] A, float[] B, float[] C) Operands(int m, int k, int n, int seed)
    {
        var random = new System.Random(seed);
        float Next() => (float)(random.NextDouble() * 2 - 1);
        var a = new float[m * k];
        var b = new float[k * n];
        var c = new float[m * n];
        for (int i = 0; i < a.Length; i++) a[i] = Next();
        for (int i = 0; i < b.Length; i++) b[i] = Next();
        for (int i = 0; i < c.Length; i++) c[i] = Next();
        return (a, b, c);
    }

    private static float A(float[] a, Layout layout, int m, int k, int i, int p) => layout == Layout.TN ? a[p * m + i] : a[i * k + p];

    private static float B(float[] b, Layout layout, int k, int n, int p, int j) => layout == Layout.NT ? b[j * k + p] : b[p * n + j];

    private static int FirstDifference(float[] x, float[] y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(x[i]) != BitConverter.SingleToInt32Bits(y[i])) return i;
        }
        return -1;
    }

    internal static void Run(Layout layout, float[] a, float[] b, float[] c, int m, int k, int n, bool accumulate) =>
        Run(layout, a, b, c, m, k, n, accumulate, layout == Layout.NT ? new float[k * n] : []);

    /// <summary>The product of <paramref name="layout"/>; <paramref name="transposedB"/> is MultiplyNT's scratch.</summary>
    internal static void Run(Layout layout, ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n,
        bool accumulate, Span<float> transposedB)
    {
        switch (layout)
        {
            case Layout.NN: Gemm.MultiplyNN(a, b, c, m, k, n, accumulate); break;
            case Layout.TN: Gemm.MultiplyTN(a, b, c, m, k, n, accumulate); break;
            default: Gemm.MultiplyNT(a, b, c, m, k, n, accumulate, transposedB); break;
        }
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Products_equal_the_naive_double_product_within_the_fma_chain_bound() =>
        Prop.ForAll(Shapes(), s =>
        {
            var (a, b, c0) = Operands(s.M, s.K, s.N, s.Seed);
            var c = (float[])c0.Clone();
            Run(s.Layout, a, b, c, s.M, s.K, s.N, s.Accumulate);
            for (int i = 0; i < s.M; i++)
            {
                for (int j = 0; j < s.N; j++)
                {
                    double exact = s.Accumulate ? c0[i * s.N + j] : 0, magnitude = Math.Abs(exact);
                    for (int p = 0; p < s.K; p++)
                    {
                        double term = (double)A(a, s.Layout, s.M, s.K, i, p) * B(b, s.Layout, s.K, s.N, p, j);
                        exact += term;
                        magnitude += Math.Abs(term);
                    }
                    double bound = GemmChainFactor * (s.K + 1) * Math.Pow(2, -24) * magnitude + 1e-30;
                    double error = Math.Abs(c[i * s.N + j] - exact);
                    if (error > bound)
                    {
                        return false.Label($"{s.Layout} {s.M}x{s.K}x{s.N}: C[{i},{j}] = {c[i * s.N + j]:R}, exact {exact:R}, " +
                            $"error {error:G3} > {bound:G3}");
                    }
                }
            }
            return true.ToProperty();
        });

    /// <summary>
    /// Each vector path with the level <c>isa</c> names for it, whether this processor accelerates its vectors (and fma),
    /// and whether it computes the fused chain (every path but the multiply-then-add one, which has its own referee).
    /// </summary>
    internal static readonly (GemmPath Path, string Level, bool Runs, bool Fused)[] VectorPaths =
    [
        (GemmPath.Vector512, "avx512", System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, true),
        (GemmPath.Vector256, "avx2", System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated, true),
        (GemmPath.Vector128, "vector128", System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated
            && (System.Runtime.Intrinsics.X86.Fma.IsSupported || System.Runtime.Intrinsics.Arm.AdvSimd.IsSupported), true),
        (GemmPath.Vector128EmulatedFma, "vector128 without FMA, exact", System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated
            && ExactFma.CanEmulate, true),
        (GemmPath.Vector128MultiplyAdd, "vector128 without FMA", System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated, false),
    ];

    /// <summary>The paths this machine can run, every other one named in the test's output rather than skipped silently.</summary>
    internal static (GemmPath Path, bool Fused)[] RunnablePaths(ITestOutputHelper output)
    {
        foreach (var (path, level, runs, _) in VectorPaths)
        {
            output.WriteLine(runs
                ? $"GemmPath.{path} (level {level}): runs here"
                : $"GemmPath.{path} (level {level}): NOT RUN, this process does not accelerate its vectors (and fma) " +
                  $"(level {KernelPaths.LevelName(KernelPaths.HardwareBits)})");
        }
        return [.. VectorPaths.Where(p => p.Runs).Select(p => (p.Path, p.Fused)), (GemmPath.Scalar, true)];
    }

    /// <summary>
    /// The referee of <see cref="GemmPath.Vector128MultiplyAdd"/>: <c>c ← c + a·b</c> in float, in increasing k, from C or
    /// from 0 (C# rounds the product and then the sum, and never fuses them).
    /// </summary>
    private static float[] MultiplyThenAddChain(Layout layout, float[] a, float[] b, float[] c0, int m, int k, int n, bool accumulate)
    {
        var c = new float[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = accumulate ? c0[i * n + j] : 0f;
                for (int p = 0; p < k; p++)
                {
                    sum += A(a, layout, m, k, i, p) * B(b, layout, k, n, p, j);
                }
                c[i * n + j] = sum;
            }
        }
        return c;
    }

    /// <summary>A NaN no product of finite operands gives, marking the floats past C.</summary>
    private static readonly float PastTheEnd = BitConverter.Int32BitsToSingle(0x7FC5A5A5);

    /// <summary>
    /// C followed by room for every row a 12-row tile could store past the last one and one strip more, marked
    /// <see cref="PastTheEnd"/>.
    /// </summary>
    private static float[] WithMarginPastC(float[] c0, int n)
    {
        var c = new float[c0.Length + Gemm.WideTileRows * n + Gemm.TileColumns];
        c0.CopyTo(c, 0);
        c.AsSpan(c0.Length).Fill(PastTheEnd);
        return c;
    }

    /// <summary>The first index at or past <paramref name="length"/> that no longer holds the mark, or −1.</summary>
    private static int FirstWritePastC(float[] c, int length) =>
        Array.FindIndex(c, length, x => BitConverter.SingleToInt32Bits(x) != BitConverter.SingleToInt32Bits(PastTheEnd));

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Every_vector_path_this_machine_runs_agrees_with_its_scalar_chain_bit_for_bit()
    {
        var paths = RunnablePaths(output);
        return Prop.ForAll(Shapes(), s =>
        {
            var (a, b, c0) = Operands(s.M, s.K, s.N, s.Seed);
            var results = new Dictionary<GemmPath, float[]>();
            GemmPath saved = Gemm.Path;
            try
            {
                foreach (var (path, _) in paths)
                {
                    Gemm.Path = path;
                    // C with a marked margin past its M·N floats: a tile that stores rows past M writes there, through a
                    // pointer, instead of throwing.
                    var c = WithMarginPastC(c0, s.N);
                    Run(s.Layout, a, b, c, s.M, s.K, s.N, s.Accumulate);
                    int past = FirstWritePastC(c, c0.Length);
                    if (past >= 0)
                    {
                        return false.Label($"{path}, {s.Layout} {s.M}x{s.K}x{s.N}: wrote C's index {past}, past its {c0.Length} floats");
                    }
                    results[path] = c[..c0.Length];
                }
            }
            finally
            {
                Gemm.Path = saved;
            }
            var scalar = results[GemmPath.Scalar];
            var unfused = MultiplyThenAddChain(s.Layout, a, b, c0, s.M, s.K, s.N, s.Accumulate);
            foreach (var (path, fused) in paths)
            {
                int bad = FirstDifference(results[path], fused ? scalar : unfused);
                if (bad >= 0)
                {
                    return false.Label($"{path} vs the scalar {(fused ? "fma" : "multiply-then-add")} chain, " +
                        $"{s.Layout} {s.M}x{s.K}x{s.N}: index {bad} differs");
                }
            }
            return true.ToProperty();
        });
    }

    /// <summary>
    /// Shapes past what the random ones reach: more rows than one row block of packed A panels (the AVX2 path covers at most
    /// 48 panels of 6 rows per pass, 288 rows), a last panel of 5 rows, a k-block of 44 (not a multiple of the 8×8 transposes) and a
    /// ragged last strip; every path against the scalar one, bit for bit.
    /// </summary>
    [Theory]
    [InlineData(Layout.NN, false)]
    [InlineData(Layout.TN, true)]
    [InlineData(Layout.NT, false)]
    [InlineData(Layout.NT, true)]
    public void Tall_products_past_one_row_block_agree_with_the_scalar_path_bit_for_bit(Layout layout, bool accumulate)
    {
        const int m = 293, k = 300, n = 97;
        var (a, b, c0) = Operands(m, k, n, seed: 7);
        AssertEveryPathMatchesScalar(layout, a, b, c0, m, k, n, accumulate);
    }

    /// <summary>
    /// A row-major A whose rows lie a multiple of 512 floats apart is packed into 12-row panels on the 512-bit path (its
    /// rows would share two L1 sets otherwise): K = 512 and 1024, a ragged last panel (100 rows), two k-blocks and more;
    /// every path against the scalar one, bit for bit.
    /// </summary>
    [Theory]
    [InlineData(Layout.NN, 1024, false)]
    [InlineData(Layout.NT, 512, true)]
    [InlineData(Layout.NN, 512, true)]
    public void Row_major_products_with_rows_2_KiB_apart_agree_with_the_scalar_path_bit_for_bit(Layout layout, int k, bool accumulate)
    {
        const int m = 100, n = 96;
        var (a, b, c0) = Operands(m, k, n, seed: 13);
        AssertEveryPathMatchesScalar(layout, a, b, c0, m, k, n, accumulate);
    }

    /// <summary>
    /// Operands drawn from a few values whose products and sums land on float midpoints, a hair off them, in the subnormal
    /// range and on exact zeros, so that the emulated fma's suspect-lane fallback runs; every path against the scalar one.
    /// </summary>
    [Theory]
    [InlineData(Layout.NN, false, 40, 300, 50)]
    [InlineData(Layout.TN, true, 17, 70, 33)]
    [InlineData(Layout.NT, true, 30, 260, 40)]
    public void Products_on_rounding_boundaries_agree_with_the_scalar_path_bit_for_bit(Layout layout, bool accumulate, int m, int k, int n)
    {
        float[] values =
        [
            1f, -1f, 0f, -0f, BitConverter.Int32BitsToSingle(0x3F800001), BitConverter.Int32BitsToSingle(0x33800000),
            BitConverter.Int32BitsToSingle(0x33800001), BitConverter.Int32BitsToSingle(0x3F7FFFFE), 1e-20f, -3e-21f, 0.5f,
        ];
        var random = new System.Random(11);
        float Next() => values[random.Next(values.Length)];
        var a = new float[m * k];
        var b = new float[k * n];
        var c0 = new float[m * n];
        for (int i = 0; i < a.Length; i++) a[i] = Next();
        for (int i = 0; i < b.Length; i++) b[i] = Next();
        for (int i = 0; i < c0.Length; i++) c0[i] = Next();
        AssertEveryPathMatchesScalar(layout, a, b, c0, m, k, n, accumulate);
    }

    /// <summary>
    /// A product large enough to be shared with the helper thread (past <see cref="Gemm.ParallelThreshold"/>), with a
    /// ragged last panel of A and a k-block not a multiple of 8: on two threads both pack A (the AVX2 path) and share the
    /// strips; every path against the scalar one on one thread, bit for bit.
    /// </summary>
    [Theory]
    [InlineData(Layout.NN)]
    [InlineData(Layout.TN)]
    [InlineData(Layout.NT)]
    public void Products_shared_with_the_helper_thread_agree_with_the_scalar_path_bit_for_bit(Layout layout)
    {
        const int m = 263, k = 300, n = 128;
        Assert.True((long)m * k * n >= Gemm.ParallelThreshold, "the shape must be large enough to be shared");
        var (a, b, c0) = Operands(m, k, n, seed: 11);
        AssertEveryPathMatchesScalar(layout, a, b, c0, m, k, n, accumulate: true, pathThreads: 2);
    }

    /// <summary>
    /// Runs the product on the scalar path on one thread, then on every path this machine runs with
    /// <paramref name="pathThreads"/> threads, and asserts each result equal bit for bit to the scalar one (the
    /// multiply-then-add path: to <see cref="MultiplyThenAddChain"/>).
    /// </summary>
    private void AssertEveryPathMatchesScalar(Layout layout, float[] a, float[] b, float[] c0, int m, int k, int n,
        bool accumulate, int pathThreads = 1)
    {
        GemmPath saved = Gemm.Path;
        int savedDegree = Parallelism.MaxDegreeOfParallelism;
        try
        {
            Parallelism.MaxDegreeOfParallelism = 1;
            Gemm.Path = GemmPath.Scalar;
            var scalar = (float[])c0.Clone();
            Run(layout, a, b, scalar, m, k, n, accumulate);
            var unfused = MultiplyThenAddChain(layout, a, b, c0, m, k, n, accumulate);
            Parallelism.MaxDegreeOfParallelism = pathThreads;
            foreach (var (path, fused) in RunnablePaths(output))
            {
                Gemm.Path = path;
                var c = WithMarginPastC(c0, n);
                Run(layout, a, b, c, m, k, n, accumulate);
                int past = FirstWritePastC(c, c0.Length);
                Assert.True(past < 0, $"{path}, {layout} {m}x{k}x{n} on {pathThreads} thread(s): wrote C's index {past}, " +
                    $"past its {c0.Length} floats");
                c = c[..c0.Length];
                int bad = FirstDifference(c, fused ? scalar : unfused);
                Assert.True(bad < 0, $"{path}, {layout} {m}x{k}x{n} on {pathThreads} thread(s): index {bad} differs from the " +
                    $"scalar {(fused ? "fma" : "multiply-then-add")} chain on one");
            }
        }
        finally
        {
            Gemm.Path = saved;
            Parallelism.MaxDegreeOfParallelism = savedDegree;
        }
    }

    /// <summary>Shapes big enough (≥ 2²¹ multiply-adds) that the product is split across two threads.</summary>
    private static Arbitrary<(int M, int K, int N, Layout Layout, int Seed)> LargeShapes() =>
        (from m in Gen.Choose(20, 90)
         from k in Gen.Choose(300, 520)
         from n in Gen.OneOf(Gen.Choose(90, 200), Gen.Choose(1, 31))
         from layout in Gen.Elements(Layout.NN, Layout.TN, Layout.NT)
         from seed in Gen.Choose(0, int.MaxValue)
         where (long)m * k * Math.Max(n, 1) >= Gemm.ParallelThreshold || n < 32
         select (n < 32 ? m * 40 : m, k, n, layout, seed)).ToArbitrary();

    [Property(MaxTest = PropertyCounts.Statistical)]
    public Property Results_are_bit_identical_with_one_and_two_threads() =>
        Prop.ForAll(LargeShapes(), s =>
        {
            var (a, b, c0) = Operands(s.M, s.K, s.N, s.Seed);
            var one = (float[])c0.Clone();
            var two = (float[])c0.Clone();
            int saved = Parallelism.MaxDegreeOfParallelism;
            try
            {
                Parallelism.MaxDegreeOfParallelism = 1;
                Run(s.Layout, a, b, one, s.M, s.K, s.N, true);
                Parallelism.MaxDegreeOfParallelism = 2;
                Run(s.Layout, a, b, two, s.M, s.K, s.N, true);
            }
            finally
            {
                Parallelism.MaxDegreeOfParallelism = saved;
            }
            int bad = FirstDifference(one, two);
            return (bad < 0).Label($"{s.Layout} {s.M}x{s.K}x{s.N}: index {bad} differs between 1 and 2 threads")
                .Classify((long)s.M * s.K * s.N >= Gemm.ParallelThreshold, "split across threads");
        });

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Transpose_moves_every_element_to_its_mirrored_place_and_writes_nothing_past_them() =>
        Prop.ForAll(Size(70).ToArbitrary(), Size(70).ToArbitrary(), (rows, cols) =>
        {
            var source = new float[rows * cols];
            for (int i = 0; i < source.Length; i++) source[i] = i;
            // A longer destination than the transpose needs, marked past its end: the kernels write through pointers, so a
            // loop that runs one column or row too far writes there instead of throwing.
            const int Margin = 32;
            var destination = new float[rows * cols + Margin];
            destination.AsSpan(rows * cols).Fill(-1f);
            Gemm.Transpose(source, destination, rows, cols);
            int overwritten = Array.FindIndex(destination, rows * cols, x => x != -1f);
            if (overwritten >= 0)
            {
                return false.Label($"{rows}x{cols}: wrote index {overwritten}, past the {rows * cols} floats of the transpose");
            }
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    if (destination[j * rows + i] != source[i * cols + j])
                    {
                        return false.Label($"{rows}x{cols}: element ({i}, {j}) landed wrong");
                    }
                }
            }
            return true.ToProperty();
        });
}
