namespace Verification.Core.Checks;

/// <summary>The argument checks of <c>nn.BatchNorm1d</c>, with PyTorch's messages where PyTorch has one, for both stacks.</summary>
public static class BatchNormChecks
{
    /// <summary>A positive feature count, a positive finite ε and a momentum in [0, 1].</summary>
    /// <exception cref="ArgumentOutOfRangeException">One of them is out of range (NaN included).</exception>
    public static void Arguments(int numFeatures, double eps, double momentum)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(numFeatures);
        if (!(eps > 0) || double.IsInfinity(eps))
        {
            throw new ArgumentOutOfRangeException(nameof(eps), eps, $"eps must be a positive finite number, but got {eps}.");
        }
        if (!(momentum >= 0 && momentum <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(momentum), momentum, $"momentum must be in [0, 1], but got {momentum}.");
        }
    }

    /// <summary>
    /// The input is <c>(N, C)</c> or <c>(N, C, L)</c> with C = num_features; in training mode each channel needs more
    /// than one value (ATen's <c>_verify_batch_size</c>: a variance of one value is 0 and the unbiased one divides by 0).
    /// </summary>
    /// <exception cref="ArgumentException">The shape is wrong, or training with one value per channel.</exception>
    public static void Input(Tensor input, int numFeatures, bool training, string argumentName = "input")
    {
        ArgumentNullException.ThrowIfNull(input, argumentName);
        if ((input.Rank != 2 && input.Rank != 3) || input.Size(1) != numFeatures)
        {
            throw new ArgumentException(
                $"BatchNorm1d({numFeatures}) expects input of shape (N, {numFeatures}) or (N, {numFeatures}, L) " +
                $"but got {input.ShapeText}.", argumentName);
        }
        int valuesPerChannel = input.Length / numFeatures;
        if (training && valuesPerChannel <= 1)
        {
            throw new ArgumentException(
                $"Expected more than 1 value per channel when training, got input size {input.ShapeText}", argumentName);
        }
    }
}
