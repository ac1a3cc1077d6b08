namespace Verification.Experiments.Claims;

/// <summary>How a series is drawn.</summary>
public enum SeriesKind
{
    /// <summary>A line through the points, in order.</summary>
    Line,

    /// <summary>Markers only (a document's printed numbers next to a measured curve).</summary>
    Markers,

    /// <summary>Vertical bars at each x (a histogram: x are bin centres, y are counts).</summary>
    Bars,
}

/// <summary>One curve of a panel: points <c>(X[i], Y[i])</c>.</summary>
public sealed record FigureSeries(string Label, double[] X, double[] Y, SeriesKind Kind = SeriesKind.Line);

/// <summary>The visible range of a panel's axes.</summary>
public sealed record AxisLimits(double XMin, double XMax, double YMin, double YMax);

/// <summary>
/// One set of axes; the panels of a <see cref="Figure"/> sit side by side. <paramref name="Limits"/>, when set, fixes
/// the visible range (panels meant to be compared get the same one, see <see cref="Figure.WithSharedAxes"/>); null lets
/// the renderer fit the data.
/// </summary>
public sealed record FigurePanel(string Title, string XLabel, string YLabel, IReadOnlyList<FigureSeries> Series, AxisLimits? Limits = null);

/// <summary>
/// A figure as data: what to draw, not how. Claim sets describe their figures with these records (they do not
/// depend on a plotting library); the Lab renders them to PNG (<c>claims --plot DIR</c>) as <see cref="FileName"/>.
/// </summary>
public sealed record Figure(string FileName, string Title, IReadOnlyList<FigurePanel> Panels)
{
    /// <summary>The share of each data range added above and below it, so no curve sits on the frame.</summary>
    public const double Margin = 0.05;

    /// <summary>
    /// The same figure with every panel given one set of limits, the range of every point of every panel plus
    /// <see cref="Margin"/>: panels side by side are read against each other, and two y-axes that start at 0.45 and
    /// 0.55 make equal accuracies look different.
    /// </summary>
    public Figure WithSharedAxes()
    {
        var series = Panels.SelectMany(p => p.Series).ToArray();
        if (series.Length == 0 || series.All(s => s.X.Length == 0))
        {
            throw new InvalidOperationException($"figure '{FileName}' has no points, so there is no range to share.");
        }
        var (xMin, xMax) = Padded(series.SelectMany(s => s.X));
        var (yMin, yMax) = Padded(series.SelectMany(s => s.Y).Concat(series.Where(s => s.Kind == SeriesKind.Bars).Select(_ => 0.0)));
        var limits = new AxisLimits(xMin, xMax, yMin, yMax);
        return this with { Panels = Panels.Select(p => p with { Limits = limits }).ToArray() };
    }

    private static (double Min, double Max) Padded(IEnumerable<double> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double v in values.Where(double.IsFinite))
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        // A flat range still needs a visible height: half a unit either side.
        double pad = max > min ? Margin * (max - min) : 0.5;
        return (min - pad, max + pad);
    }
}
