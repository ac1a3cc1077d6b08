using System.Text;

namespace Verification.Experiments.Claims;

/// <summary>A row whose measured value or verdict differs from its approved snapshot (or that is new or gone).</summary>
public sealed record SnapshotChange(string Id, string? Approved, string? Measured);

/// <summary>
/// The ledger's approved snapshot: one line per row, <c>id | verdict | measured value</c>, in ledger order. The same
/// text is the approved file of the Lab tests (Shouldly's <c>ShouldMatchApproved</c>) and what <c>claims</c> compares
/// against, so a moved number fails both the test run and the command.
/// </summary>
public static class LedgerSnapshot
{
    /// <summary>The approved file, relative to the repository root.</summary>
    public const string ApprovedPath = "tests/Lab/Claims/ClaimsLedgerTests.Ledger_matches_its_approved_snapshot.approved.txt";

    /// <summary>The snapshot text of <paramref name="rows"/>.</summary>
    public static string Render(IEnumerable<ClaimRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            text.Append(Line(row)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>One row's line.</summary>
    public static string Line(ClaimRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return $"{row.Id} | {row.Verdict} | {row.MeasuredValue}";
    }

    /// <summary>The rows of <paramref name="measured"/> that differ from <paramref name="approvedText"/>, in order.</summary>
    public static IReadOnlyList<SnapshotChange> Compare(string approvedText, IEnumerable<ClaimRow> measured)
    {
        ArgumentNullException.ThrowIfNull(approvedText);
        ArgumentNullException.ThrowIfNull(measured);
        var approved = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in approvedText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int bar = line.IndexOf(" | ", StringComparison.Ordinal);
            approved[bar < 0 ? line : line[..bar]] = line;
        }
        var changes = new List<SnapshotChange>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in measured)
        {
            seen.Add(row.Id);
            string line = Line(row);
            if (!approved.TryGetValue(row.Id, out var before))
            {
                changes.Add(new SnapshotChange(row.Id, null, line));
            }
            else if (before != line)
            {
                changes.Add(new SnapshotChange(row.Id, before, line));
            }
        }
        foreach (var (id, line) in approved)
        {
            if (!seen.Contains(id))
            {
                changes.Add(new SnapshotChange(id, line, null));
            }
        }
        return changes;
    }
}
