namespace Verification.Core.Checks;

/// <summary>The argument checks of <c>nn.Linear</c>, with PyTorch's messages, for both stacks.</summary>
public static class LinearChecks
{
    /// <summary>Both sizes positive, and the weight (out × in) small enough for one array.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is zero or negative, or the weight is too large.</exception>
    public static void Sizes(int inFeatures, int outFeatures)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inFeatures);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outFeatures);
        if ((long)inFeatures * outFeatures > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(outFeatures), outFeatures,
                $"a {outFeatures}x{inFeatures} weight has more elements than one array can hold.");
        }
    }

    /// <summary>
    /// The input is <c>(*, in_features)</c>: any number of leading dimensions, the last one in_features. PyTorch
    /// multiplies mat1 = x viewed as (rows × in) by mat2 = Wᵀ (in × out) and names both shapes on a mismatch.
    /// </summary>
    /// <exception cref="ArgumentException">The input is a scalar or its last dimension is not in_features.</exception>
    public static void Input(Tensor input, int inFeatures, int outFeatures, string argumentName = "input")
    {
        ArgumentNullException.ThrowIfNull(input, argumentName);
        if (input.Rank == 0 || input.Size(-1) != inFeatures)
        {
            int last = input.Rank == 0 ? 1 : input.Size(-1);
            int rows = input.Rank == 0 ? 1 : input.Length / Math.Max(1, last);
            throw new ArgumentException(
                $"mat1 and mat2 shapes cannot be multiplied ({rows}x{last} and {inFeatures}x{outFeatures}).", argumentName);
        }
    }
}
