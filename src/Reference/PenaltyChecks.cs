using Verification.Core;

namespace Verification.Reference;

/// <summary>What L1 and L2 penalties share: the strength check and which parameters they cover.</summary>
internal static class PenaltyChecks
{
    /// <summary>λ must be finite and non-negative.</summary>
    public static void Lambda(double lambda, string argumentName)
    {
        if (!(lambda >= 0) || double.IsPositiveInfinity(lambda))
        {
            throw new ArgumentOutOfRangeException(argumentName, lambda,
                $"penalty strength lambda must be finite and non-negative, but got {lambda}");
        }
    }

    /// <summary>
    /// The penalised parameters: those whose name ends in "weight" (<c>0.weight</c>, not <c>0.bias</c>), as the
    /// regularisation document (002_91f9a1e79ea80b56.txt) skips bias terms. BatchNorm's γ is named "weight" and is included.
    /// </summary>
    public static IEnumerable<Parameter> Weights(IModule model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (NamedParameter p in model.NamedParameters())
        {
            if (p.Name.EndsWith("weight", StringComparison.Ordinal)) yield return p.Parameter;
        }
    }
}
