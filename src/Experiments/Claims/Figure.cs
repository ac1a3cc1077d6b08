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

/// <summary>One set of axes; the panels of a <see cref="Figure"/> sit side by side.</summary>
public sealed record FigurePanel(string Title, string XLabel, string YLabel, IReadOnlyList<FigureSeries> Series);

/// <summary>
/// A figure as data: what to draw, not how. Claim sets describe their figures with these records (they do not
/// depend on a plotting library); the Lab renders them to PNG (<c>claims --plot DIR</c>) as <see cref="FileName"/>.
/// </summary>
public sealed record Figure(string FileName, string Title, IReadOnlyList<FigurePanel> Panels);
