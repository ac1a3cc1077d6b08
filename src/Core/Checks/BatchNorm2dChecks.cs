namespace Verification.Core.Checks;

/// <summary>The argument checks of <c>nn.BatchNorm2d</c>, with PyTorch's messages where PyTorch has one, for both stacks.</summary>
public static class BatchNorm2dChecks
{
    /// <summary>A positive channel count, a positive finite ε and a momentum in [0, 1], as for BatchNorm1d.</summary>
    /// <exception cref="ArgumentOutOfRangeException">One of them is out of range (NaN included).</exception>
    public static void Arguments(int numFeatures, double eps, double momentum) => BatchNormChecks.Arguments(numFeatures, eps, momentum);

    /// <summary>
    /// The input is <c>(N, C, H, W)</c> (torch/nn/modules/batchnorm.py, <c>BatchNorm2d._check_input_dim</c>) with
    /// C = num_features (ATen's <c>batch_norm</c> names the running_mean's length); in training mode each channel needs
    /// more than one value (ATen's <c>_verify_batch_size</c>: the unbiased variance of one value divides by 0).
    /// </summary>
    /// <exception cref="ArgumentException">The rank or channel count is wrong, or training with one value per channel.</exception>
    public static void Input(Tensor input, int numFeatures, bool training, string argumentName = "input")
    {
        ArgumentNullException.ThrowIfNull(input, argumentName);
        if (input.Rank != 4)
        {
            throw new ArgumentException($"expected 4D input (got {input.Rank}D input)", argumentName);
        }
        if (input.Size(1) != numFeatures)
        {
            throw new ArgumentException(
                $"running_mean should contain {input.Size(1)} elements not {numFeatures}", argumentName);
        }
        if (training && (long)input.Size(0) * input.Size(2) * input.Size(3) <= 1)
        {
            throw new ArgumentException(
                $"Expected more than 1 value per channel when training, got input size {input.ShapeText}", argumentName);
        }
    }
}
