using Verification.Experiments.Claims;

namespace Verification.Experiments.Document002;

/// <summary>
/// The claims ledger of 002_91f9a1e79ea80b56.txt: one claim set per experiment of the document (or per claim it makes
/// without an experiment), each re-run with the document's seeds, sizes, optimisers, learning rates and epoch counts.
/// </summary>
public static class Document002Claims
{
    /// <summary>Every claim set of the document, cheapest first; fresh instances (a set keeps its latest figures).</summary>
    public static IReadOnlyList<IClaimSet> All => Create();

    /// <summary>Fresh instances of every claim set of the document, cheapest first.</summary>
    public static IReadOnlyList<IClaimSet> Create() =>
    [
        new DropoutInternalsClaims(),
        new SineWaveClaims(),
        new AdamDecayClaims(),
        new RegularisationTableClaims(),
        new BatchNormDropoutClaims(),
    ];
}
