using Shouldly;
using Verification.Experiments.Claims;
using Verification.Lab.Plots;
using Xunit;

namespace Verification.Lab.Tests.Plots;

/// <summary>The PNG renderer for claim sets' figures, including the histogram kind document 002's sparsity plot uses.</summary>
public sealed class FigureRendererTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("figures-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_histogram_with_markers_and_a_line_is_saved_as_a_png_of_one_panel()
    {
        var figure = new Figure("hist.png", "weights",
        [
            new FigurePanel("sparsity", "|w|", "count",
            [
                new FigureSeries("L1", [0.05, 0.15, 0.25], [40, 12, 3], SeriesKind.Bars),
                new FigureSeries("L2", [0.05, 0.15, 0.25], [20, 25, 10], SeriesKind.Markers),
                new FigureSeries("none", [0.05, 0.15, 0.25], [10, 30, 15]),
            ]),
        ]);
        string path = FigureRenderer.Save(figure, Path.Combine(_folder, "nested"));
        path.ShouldBe(Path.Combine(_folder, "nested", "hist.png"));
        var bytes = File.ReadAllBytes(path);
        bytes[1..4].ShouldBe("PNG"u8.ToArray());
        Width(bytes).ShouldBe(FigureRenderer.PanelWidth);
    }

    [Fact]
    public void Panels_sit_side_by_side()
    {
        var panel = new FigurePanel("p", "x", "y", [new FigureSeries("s", [0, 1], [1, 0])]);
        var bytes = File.ReadAllBytes(FigureRenderer.Save(new Figure("two.png", "two", [panel, panel]), _folder));
        Width(bytes).ShouldBe(2 * FigureRenderer.PanelWidth);
    }

    [Fact]
    public void A_panel_with_limits_is_drawn_on_exactly_those_axes()
    {
        var panel = new FigurePanel("p", "x", "y", [new FigureSeries("s", [0, 1], [0.5, 0.6])], new AxisLimits(-1, 2, 0.4, 1.1));
        var limits = FigureRenderer.Draw(panel).Axes.GetLimits();
        (limits.Left, limits.Right, limits.Bottom, limits.Top).ShouldBe((-1.0, 2.0, 0.4, 1.1));
    }

    [Fact]
    public void A_figure_without_panels_is_rejected_before_anything_is_written()
    {
        Should.Throw<ArgumentException>(() => FigureRenderer.Save(new Figure("none.png", "none", []), _folder)).ParamName.ShouldBe("figure");
        File.Exists(Path.Combine(_folder, "none.png")).ShouldBeFalse();
    }

    /// <summary>The PNG header's width (big-endian, bytes 16–19).</summary>
    private static int Width(byte[] png) => (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
}
