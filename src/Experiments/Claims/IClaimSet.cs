using Verification.Core;

namespace Verification.Experiments.Claims;

/// <summary>
/// The claims of one document (or one experiment of it): re-runs the document's procedure with its own seeds,
/// sizes, optimisers and epoch counts on the given stack (<see cref="Run"/>), and returns one row per claim.
/// </summary>
public interface IClaimSet
{
    /// <summary>A short name for progress displays and <c>experiments NAME</c>, for example <c>000-overfitting</c>.</summary>
    string Name { get; }

    /// <summary>The source file name the claims come from.</summary>
    string Document { get; }

    /// <summary>Runs the experiments and judges every claim. Deterministic: same stack, same rows.</summary>
    IReadOnlyList<ClaimRow> Run(IStack stack);
}
