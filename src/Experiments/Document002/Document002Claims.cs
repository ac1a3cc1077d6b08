using System.Globalization;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Document002;

/// <summary>
/// The claims ledger of 002_91f9a1e79ea80b56.txt: one claim set per experiment of the document (or per claim it makes
/// without an experiment), each re-run with the document's seeds, sizes, optimisers, learning rates and epoch counts.
/// </summary>
public static class Document002Claims
{
    /// <summary>The document's file name.</summary>
    public const string File = "002_91f9a1e79ea80b56.txt";

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

    /// <summary><see cref="Verdict.Holds"/> when <paramref name="holds"/>, else qualitatively when <paramref name="qualitatively"/>, else not.</summary>
    internal static Verdict Judge(bool holds, bool qualitatively = false) =>
        holds ? Verdict.Holds : qualitatively ? Verdict.HoldsQualitatively : Verdict.DoesNotHold;

    /// <summary>A number with <paramref name="decimals"/> decimals, invariant culture (as Python's <c>:.Nf</c>).</summary>
    internal static string Fixed(double value, int decimals) => value.ToString("F" + decimals, CultureInfo.InvariantCulture);

    /// <summary>A vector as numpy prints <c>.round(3)</c>: <c>[a b c]</c>.</summary>
    internal static string Vector(IEnumerable<float> values, int decimals) =>
        "[" + string.Join(" ", values.Select(v => Fixed(v, decimals))) + "]";

    /// <summary>A row of this document.</summary>
    internal static ClaimRow Row(string topic, string claim, string documentValue, string measuredValue, Verdict verdict, string note) =>
        new("002." + topic, File, claim, documentValue, measuredValue, verdict, note);
}
