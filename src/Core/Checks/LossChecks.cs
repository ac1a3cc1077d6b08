namespace Verification.Core.Checks;

/// <summary>The argument checks of the losses, with PyTorch's messages, for both stacks.</summary>
public static class LossChecks
{
    /// <summary>
    /// Prediction and target must have the same, non-empty shape. PyTorch returns NaN for the mean of an empty
    /// batch; here an empty batch is refused, since a NaN loss only surfaces steps later.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ or the batch is empty.</exception>
    public static void SameNonEmpty(Tensor prediction, Tensor target, string loss)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (!prediction.SameShape(target))
        {
            throw new ArgumentException(
                $"{loss}: target size ({target.ShapeText}) must be the same as input size ({prediction.ShapeText}).", nameof(target));
        }
        if (prediction.Length == 0)
        {
            throw new ArgumentException(
                $"{loss}: the mean of an empty batch is undefined, got input size {prediction.ShapeText}.", nameof(prediction));
        }
    }

    /// <summary>
    /// <c>CrossEntropyLoss</c> takes logits <c>(N, C)</c> and class indices <c>(N)</c> stored as floats; every index an
    /// integer in [0, C). ATen's <c>nll_loss</c> says "Target {t} is out of bounds." for a bad one. Allocates nothing.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes do not match, the batch is empty or a target is not a class.</exception>
    public static void ClassIndices(Tensor prediction, Tensor target)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(target);
        if (prediction.Rank != 2 || target.Rank != 1 || target.Size(0) != prediction.Size(0))
        {
            throw new ArgumentException(
                $"CrossEntropyLoss expects input (N, C) and target (N), but got input size {prediction.ShapeText} " +
                $"and target size {target.ShapeText}.", nameof(target));
        }
        int n = prediction.Size(0), c = prediction.Size(1);
        if (n == 0 || c == 0)
        {
            throw new ArgumentException(
                $"CrossEntropyLoss: the mean of an empty batch is undefined, got input size {prediction.ShapeText}.", nameof(prediction));
        }
        for (int row = 0; row < n; row++)
        {
            float t = target.Data[row];
            if (t != MathF.Floor(t) || float.IsInfinity(t))
            {
                throw new ArgumentException(
                    $"Target {t} at position {row} is not a class index (expected an integer in [0, {c})).", nameof(target));
            }
            if (t < 0 || t >= c)
            {
                throw new ArgumentException($"Target {t} is out of bounds.", nameof(target));
            }
        }
    }
}
