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
    string Note)
{
    /// <summary>
    /// The row of topic <paramref name="topic"/> of <paramref name="document"/>, its id the document's number and the
    /// topic: <c>("002_91f9a1e79ea80b56.txt", "sine-final-mse-l1") → 002.sine-final-mse-l1</c>.
    /// </summary>
    public static ClaimRow Of(string document, string topic, string claim, string documentValue, string measuredValue,
        Verdict verdict, string note)
    {
        ArgumentNullException.ThrowIfNull(document);
        int underscore = document.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0)
        {
            throw new ArgumentException(
                $"document must be a course document's file name, NNN_hash.txt, but got '{document}'.", nameof(document));
        }
        return new ClaimRow(document[..underscore] + "." + topic, document, claim, documentValue, measuredValue, verdict, note);
    }
}
