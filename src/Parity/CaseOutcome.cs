namespace Verification.Parity;

/// <summary>How one golden case ended.</summary>
public enum CaseStatus
{
    /// <summary>Every compared value was within its tolerance.</summary>
    Passed,

    /// <summary>At least one value was outside its tolerance, or the case could not be run.</summary>
    Failed,

    /// <summary>The case's op is of a kind this suite does not know; counted, never silently dropped.</summary>
    Skipped,
}

/// <summary>
/// The result of one golden case: its file and name, the status, and for a failure the largest error, the index
/// where it occurs and what was compared.
/// </summary>
public sealed record CaseOutcome(string File, string Case, CaseStatus Status, double LargestError = 0, int? Index = null, string? Detail = null)
{
    /// <summary>A one-line description for reports.</summary>
    public override string ToString() => Status switch
    {
        CaseStatus.Failed => $"{File} {Case}: FAILED {Detail} (largest error {LargestError:G3}{(Index is int i ? $" at index {i}" : "")})",
        CaseStatus.Skipped => $"{File} {Case}: skipped ({Detail})",
        _ => $"{File} {Case}: passed",
    };
}

/// <summary>All outcomes of one golden file.</summary>
public sealed record FileReport(string File, IReadOnlyList<CaseOutcome> Cases, string? Error = null)
{
    /// <summary>Cases that passed.</summary>
    public int Passed => Cases.Count(c => c.Status == CaseStatus.Passed);

    /// <summary>Cases that failed.</summary>
    public int Failed => Cases.Count(c => c.Status == CaseStatus.Failed);

    /// <summary>Cases of an unknown kind.</summary>
    public int Skipped => Cases.Count(c => c.Status == CaseStatus.Skipped);

    /// <summary>True when the file was read and no case failed.</summary>
    public bool Ok => Error is null && Failed == 0;
}
