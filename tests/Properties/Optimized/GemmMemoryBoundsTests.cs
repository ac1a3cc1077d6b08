using Verification.Optimized;
using Verification.Properties.Support;
using Xunit;
using Xunit.Abstractions;
using static Verification.Properties.Support.GuardedFloats;

namespace Verification.Properties.Optimized;

/// <summary>
/// No product kernel reads or writes outside its operands. The kernels work through pointers, so a read one row past A
/// or a store one row before C raises nothing and, on the managed heap, changes no result the other tests compare: here
/// A, B, C and the transposed-B scratch each lie between inaccessible pages (<see cref="GuardedFloats"/>), flush with the
/// upper page and then with the lower one, and a stray access kills the test host, which fails <c>dotnet test</c>.
/// Shapes: every partial row tile (M = 1…13, 20 and 25), the four ways through a strip (N = 5, 20, 45, 77), one and two
/// k-blocks, every layout, on every path this machine runs.
/// </summary>
public class GemmMemoryBoundsTests(ITestOutputHelper output)
{
    private static readonly int[] Rows = [.. Enumerable.Range(1, 13), 20, 25];
    private static readonly int[] Columns = [5, 20, 45, 77];
    private static readonly (int K, bool Accumulate)[] Depths = [(3, true), (Gemm.KBlock + 4, false)];

    [Theory]
    [InlineData(GemmProperties.Layout.NN)]
    [InlineData(GemmProperties.Layout.TN)]
    [InlineData(GemmProperties.Layout.NT)]
    public void No_path_touches_memory_outside_its_operands(GemmProperties.Layout layout)
    {
        var paths = GemmProperties.RunnablePaths(output);
        int products = 0;
        foreach (var (path, _) in paths)
        {
            ProductPath.On(path, () =>
            {
                foreach (Placement placement in new[] { Placement.EndAtGuard, Placement.StartAtGuard })
                foreach (int m in Rows)
                foreach (int n in Columns)
                foreach (var (k, accumulate) in Depths)
                {
                    using var a = Filled(m * k, placement, 1);
                    using var b = Filled(k * n, placement, 2);
                    using var c = Filled(m * n, placement, 3);
                    using var scratch = Filled(k * n, placement, 4);
                    GemmProperties.Run(layout, a.Span, b.Span, c.Span, m, k, n, accumulate, scratch.Span);
                    products++;
                }
            });
        }
        output.WriteLine($"{products} {layout} products on {paths.Length} paths, none touched a guard page");
        Assert.Equal(paths.Length * 2 * Rows.Length * Columns.Length * Depths.Length, products);
    }

    private static GuardedFloats Filled(int length, Placement placement, int seed)
    {
        var floats = new GuardedFloats(length, placement);
        var random = new System.Random(seed);
        foreach (ref float x in floats.Span) x = (float)(random.NextDouble() * 2 - 1);
        return floats;
    }
}
