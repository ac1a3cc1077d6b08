using ScottPlot;
using Verification.Experiments.Claims;

namespace Verification.Lab.Plots;

/// <summary>
/// Draws a claim set's <see cref="Figure"/> with ScottPlot 5 and saves it as PNG: one set of axes per panel, panels
/// side by side, lines for curves, markers for a document's printed numbers, bars for histograms.
/// </summary>
public static class FigureRenderer
{
    /// <summary>Pixel size of one panel.</summary>
    public const int PanelWidth = 640, PanelHeight = 480;

    /// <summary>Saves <paramref name="figure"/> as <c>{directory}/{figure.FileName}</c> and returns the path.</summary>
    public static string Save(Figure figure, string directory)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (figure.Panels.Count == 0)
        {
            throw new ArgumentException($"figure '{figure.FileName}' has no panels: expected at least one.", nameof(figure));
        }
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, figure.FileName);
        if (figure.Panels.Count == 1)
        {
            Draw(figure.Panels[0]).SavePng(path, PanelWidth, PanelHeight);
            return path;
        }
        var multiplot = new Multiplot();
        while (multiplot.Count() > 0)
        {
            multiplot.RemovePlot(multiplot.GetPlot(0));
        }
        foreach (var panel in figure.Panels)
        {
            multiplot.AddPlot(Draw(panel));
        }
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        multiplot.SavePng(path, PanelWidth * figure.Panels.Count, PanelHeight);
        return path;
    }

    /// <summary>One panel as a ScottPlot plot; the panel's <see cref="FigurePanel.Limits"/>, when set, fix its axes.</summary>
    public static Plot Draw(FigurePanel panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        var plot = new Plot();
        foreach (var series in panel.Series)
        {
            switch (series.Kind)
            {
                case SeriesKind.Bars:
                    var bars = plot.Add.Bars(series.X, series.Y);
                    bars.LegendText = series.Label;
                    break;
                case SeriesKind.Markers:
                    var markers = plot.Add.ScatterPoints(series.X, series.Y);
                    markers.LegendText = series.Label;
                    markers.MarkerSize = 9;
                    break;
                default:
                    var line = plot.Add.ScatterLine(series.X, series.Y);
                    line.LegendText = series.Label;
                    line.LineWidth = 2;
                    break;
            }
        }
        plot.Title(panel.Title);
        plot.XLabel(panel.XLabel);
        plot.YLabel(panel.YLabel);
        plot.ShowLegend(Edge.Bottom);
        if (panel.Limits is { } limits)
        {
            plot.Axes.SetLimits(limits.XMin, limits.XMax, limits.YMin, limits.YMax);
        }
        return plot;
    }
}
