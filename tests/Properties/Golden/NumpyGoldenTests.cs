using Verification.Parity;
using Xunit;

namespace Verification.Properties.Golden;

/// <summary>
/// What numpy.json must contain for its bit-exact comparisons (run by <see cref="GoldenParityTests"/>) to mean
/// something: draws that took each of the ziggurat's rare branches, and the document's printed rows.
/// </summary>
public class NumpyGoldenTests
{
    /// <summary>
    /// The tail (about 1 draw in 3 800) and the wedge (about 1 in 70) are where a wrong table entry, logarithm or
    /// rejection rule shows; the long runs' recorded indices include every such draw, so they must be there.
    /// </summary>
    [Fact]
    public void The_long_normal_runs_record_tail_and_wedge_draws()
    {
        var runs = GoldenFile.Cases("numpy.json").Where(c => c.GetProperty("op").GetString() == "numpy.normal.long").ToArray();
        Assert.NotEmpty(runs);
        Assert.True(runs.Sum(r => r.GetProperty("tail_draws").GetInt32()) >= 50, "fewer than 50 tail draws");
        Assert.True(runs.Sum(r => r.GetProperty("wedge_draws").GetInt32()) >= 1000, "fewer than 1000 wedge draws");
        Assert.All(runs, r => Assert.True(r.GetProperty("indices").GetArrayLength() > r.GetProperty("tail_draws").GetInt32()));
    }

    /// <summary>The document's script rows as NumPy printed them are the format <see cref="NumpyGoldenCases.PrintedRow"/> writes.</summary>
    [Fact]
    public void The_printed_rows_follow_the_documents_format()
    {
        var printed = GoldenFile.Cases("numpy.json").Where(c => c.GetProperty("op").GetString() == "numpy.doc003")
            .Select(c => c.GetProperty("printed").GetString()).ToArray();
        Assert.Equal(4, printed.Length);
        Assert.Equal(" 0.0 |     0.6705 |     0.6705 | no regularization", printed[0]);
        Assert.Equal(printed[0], NumpyGoldenCases.PrintedRow(0.0, 0.67054, 0.67046, "no regularization"));
    }
}
