namespace Verification.Experiments.Regularisation;

/// <summary>
/// The claim sets that measure the documents' regularisation advice over seeds on document 000's problem
/// (<see cref="RegulariserRuns"/>): combining regularisers (001), dropout rates (001), progressive rates (002), dropout's
/// placement (002), L2 as weight decay (002), and the regularisers for small data (003). The sets share their runs.
/// </summary>
public static class RegularisationClaims
{
    /// <summary>Fresh instances of every set, in document order.</summary>
    public static IReadOnlyList<Claims.IClaimSet> Create() =>
    [
        new CombinationClaims(),
        new DropoutRateClaims(),
        new ProgressiveRateClaims(),
        new PlacementClaims(),
        new WeightDecayClaims(),
        new SmallDataClaims(),
    ];
}
