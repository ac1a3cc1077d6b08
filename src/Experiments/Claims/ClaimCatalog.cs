using Verification.Experiments.Cnn;
using Verification.Experiments.Document000;
using Verification.Experiments.Document001;
using Verification.Experiments.Document002;
using Verification.Experiments.Document003;
using Verification.Experiments.Document004;
using Verification.Experiments.Regularisation;

namespace Verification.Experiments.Claims;

/// <summary>Every claim set of the ledger, in document order. New instances on every call (sets keep their figures).</summary>
public static class ClaimCatalog
{
    /// <summary>Fresh instances of all claim sets.</summary>
    public static IReadOnlyList<IClaimSet> Create() =>
    [
        new OverfittingClaims(),
        new DropoutBasicsClaims(),
        .. Document002Claims.Create(),
        new ChurnMaskClaims(),
        new RateSensitivityClaims(),
        new LimitationsClaims(),
        new NoiseClaims(),
        new ConvDropoutClaims(),
        new ConvDropoutRateClaims(),
        new McDropoutUncertaintyClaims(),
        .. RegularisationClaims.Create(),
    ];

    /// <summary>The set called <paramref name="name"/> (see <see cref="IClaimSet.Name"/>), or null.</summary>
    public static IClaimSet? Find(string name) =>
        Create().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));
}
