namespace Verification.Core.Checks;

/// <summary>The argument check of the explicit L1 and L2 penalties.</summary>
public static class PenaltyChecks
{
    /// <summary>λ must be finite and non-negative.</summary>
    /// <exception cref="ArgumentOutOfRangeException">λ is negative, infinite or NaN.</exception>
    public static void Lambda(double lambda, string argumentName = "lambda")
    {
        if (!(lambda >= 0) || double.IsPositiveInfinity(lambda))
        {
            throw new ArgumentOutOfRangeException(argumentName, lambda,
                $"penalty strength lambda must be finite and non-negative, but got {lambda}");
        }
    }
}
