using Verification.Core;

namespace Verification.Reference;

/// <summary>Argument checks the element-wise losses share.</summary>
internal static class LossChecks
{
    /// <summary>
    /// Prediction and target must have the same, non-empty shape. PyTorch returns NaN for the mean of an empty
    /// batch; here an empty batch is refused, since a NaN loss only surfaces steps later.
    /// </summary>
    public static void RequireSameNonEmpty(Tensor prediction, Tensor target, string loss)
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
}
