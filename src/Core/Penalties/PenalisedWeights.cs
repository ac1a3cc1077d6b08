namespace Verification.Core.Penalties;

/// <summary>Which parameters the explicit penalties cover.</summary>
public static class PenalisedWeights
{
    /// <summary>
    /// The penalised parameters: those whose name ends in "weight" (<c>0.weight</c>, not <c>0.bias</c>), as the
    /// regularisation document (002_91f9a1e79ea80b56.txt) skips bias terms. BatchNorm's γ is named "weight" and is included.
    /// </summary>
    public static IEnumerable<Parameter> Of(IModule model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (NamedParameter p in model.NamedParameters())
        {
            if (p.Name.EndsWith("weight", StringComparison.Ordinal)) yield return p.Parameter;
        }
    }
}
