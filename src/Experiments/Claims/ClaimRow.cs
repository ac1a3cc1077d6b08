namespace Verification.Experiments.Claims;

/// <summary>
/// One row of the claims ledger: a quantitative or testable statement of a document, re-measured.
/// </summary>
/// <param name="Id">Stable identifier, <c>document.topic</c> (for example <c>000.first-100-train</c>); tests and
/// snapshots refer to rows by it.</param>
/// <param name="Document">The source file name, for example <c>000_467f5e23d3be4dee.txt</c>.</param>
/// <param name="Claim">The claim in this project's own words.</param>
/// <param name="DocumentValue">The number (or statement) the document prints.</param>
/// <param name="MeasuredValue">What this suite measures when it re-runs the document's procedure.</param>
/// <param name="Verdict">Holds, holds qualitatively, or does not hold.</param>
/// <param name="Note">Why the verdict: the tolerance the claim implies, and for a qualitative hold, how far off.</param>
public sealed record ClaimRow(
    string Id,
    string Document,
    string Claim,
    string DocumentValue,
    string MeasuredValue,
    Verdict Verdict,
    string Note);
