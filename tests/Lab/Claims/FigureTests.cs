using Shouldly;
using Verification.Experiments.Claims;
using Xunit;

namespace Verification.Lab.Tests.Claims;

/// <summary>Shared axes for panels that are read against each other.</summary>
public sealed class FigureTests
{
    [Fact]
    public void Shared_axes_span_every_point_of_every_panel_with_a_margin()
    {
        var left = new FigurePanel("left", "epoch", "accuracy", [new FigureSeries("a", [1, 2, 3], [0.45, 0.9, 1.0])]);
        var right = new FigurePanel("right", "epoch", "accuracy", [new FigureSeries("b", [1, 2, 5], [0.55, 0.8, 0.95])]);
        var shared = new Figure("f.png", "f", [left, right]).WithSharedAxes();
        shared.Panels.Select(p => p.Limits).Distinct().Count().ShouldBe(1);
        var limits = shared.Panels[0].Limits!;
        limits.XMin.ShouldBe(1 - 0.05 * 4, 1e-12);
        limits.XMax.ShouldBe(5 + 0.05 * 4, 1e-12);
        limits.YMin.ShouldBe(0.45 - 0.05 * 0.55, 1e-12);
        limits.YMax.ShouldBe(1.0 + 0.05 * 0.55, 1e-12);
        shared.Panels[1].Series.ShouldBe(right.Series);
    }

    [Fact]
    public void Bars_rise_from_zero_so_the_shared_range_includes_it()
    {
        var bars = new FigurePanel("h", "bin", "count", [new FigureSeries("c", [0, 1], [10, 20], SeriesKind.Bars)]);
        new Figure("h.png", "h", [bars, bars]).WithSharedAxes().Panels[0].Limits!.YMin.ShouldBeLessThan(0);
    }

    [Fact]
    public void A_figure_without_points_has_no_range_to_share()
    {
        var empty = new FigurePanel("e", "x", "y", [new FigureSeries("none", [], [])]);
        Should.Throw<InvalidOperationException>(() => new Figure("e.png", "e", [empty, empty]).WithSharedAxes()).Message.ShouldContain("e.png");
    }
}
