namespace Verification.Experiments.Claims;

/// <summary>
/// A claim set that also has figures to show (accuracy curves, a rate-sensitivity curve, a sparsity histogram).
/// Optional beside <see cref="IClaimSet"/>: the ledger asks for the figures right after <see cref="IClaimSet.Run"/>.
/// </summary>
public interface IPlottable
{
    /// <summary>The figures of the latest <see cref="IClaimSet.Run"/>; empty before the first run.</summary>
    IReadOnlyList<Figure> Figures { get; }
}
