namespace Verification.Core.Checks;

/// <summary>The argument check of <c>nn.Flatten()</c> (start_dim=1, end_dim=−1), with PyTorch's message, for both stacks.</summary>
public static class FlattenChecks
{
    /// <summary>
    /// The input has at least two dimensions (dimension 1 must exist: ATen's <c>maybe_wrap_dim</c>). Returns the output's
    /// second dimension, <c>D₁·D₂·…</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The input has fewer than two dimensions.</exception>
    public static int Input(Tensor input, string argumentName = "input")
    {
        ArgumentNullException.ThrowIfNull(input, argumentName);
        if (input.Rank < 2)
        {
            int lowest = -Math.Max(input.Rank, 1), highest = Math.Max(input.Rank, 1) - 1;
            throw new ArgumentException(
                $"Dimension out of range (expected to be in range of [{lowest}, {highest}], but got 1)", argumentName);
        }
        int rest = 1;
        for (int d = 1; d < input.Rank; d++) rest *= input.Size(d);
        return rest;
    }
}
