namespace Verification.Core.Checks;

/// <summary>
/// The input checks of <c>nn.Dropout1d</c>, <c>nn.Dropout3d</c> and <c>nn.FeatureAlphaDropout</c>, in PyTorch's words
/// (torch/nn/functional.py, <c>dropout1d</c> and <c>dropout3d</c>; ATen's <c>make_feature_noise</c> in
/// aten/src/ATen/native/Dropout.cpp), for both stacks. The drop probability is checked by <see cref="DropoutChecks.Probability"/>.
/// </summary>
public static class DropoutFamilyChecks
{
    /// <summary>Dropout1d takes <c>(N, C, L)</c> or an unbatched <c>(C, L)</c>; PyTorch raises for any other rank.</summary>
    /// <exception cref="ArgumentException">The input is not 2-D or 3-D.</exception>
    public static void Dropout1dInput(Tensor input, string argumentName = "input")
    {
        ArgumentNullException.ThrowIfNull(input, argumentName);
        if (input.Rank != 2 && input.Rank != 3)
        {
            throw new ArgumentException(
                $"dropout1d: Expected 2D or 3D input, but received a {input.Rank}D input (shape {input.ShapeText}). Note that " +
                "dropout1d exists to provide channel-wise dropout on inputs with 1 spatial dimension, a channel dimension, " +
                "and an optional batch dimension (i.e. 2D or 3D inputs).", argumentName);
        }
    }

    /// <summary>
    /// Dropout3d takes <c>(N, C, D, H, W)</c> or an unbatched <c>(C, D, H, W)</c>. PyTorch 2.10 only warns for other ranks
    /// (a deprecation that will become an error) and then treats the input as unbatched; here it is an error already.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not 4-D or 5-D.</exception>
    public static void Dropout3dInput(Tensor input, string argumentName = "input")
    {
        ArgumentNullException.ThrowIfNull(input, argumentName);
        if (input.Rank != 4 && input.Rank != 5)
        {
            throw new ArgumentException(
                $"dropout3d: Received a {input.Rank}-D input (shape {input.ShapeText}), but dropout3d exists to provide " +
                "channel-wise dropout on inputs with 3 spatial dimensions, a channel dimension, and an optional batch " +
                "dimension (i.e. 4D or 5D inputs). (PyTorch only warns, as a deprecation; use Dropout for element-wise dropout.)",
                argumentName);
        }
    }

    /// <summary>
    /// Feature noise has one draw per (sample, channel), so the input needs at least 2 dimensions. ATen checks this only
    /// when it draws (training mode, 0 &lt; p &lt; 1, a non-empty input), and so do the layers that call this.
    /// </summary>
    /// <exception cref="ArgumentException">The input has fewer than 2 dimensions.</exception>
    public static void FeatureNoiseInput(Tensor input, string argumentName = "input")
    {
        ArgumentNullException.ThrowIfNull(input, argumentName);
        if (input.Rank < 2)
        {
            throw new ArgumentException(
                $"Feature dropout requires at least 2 dimensions in the input (got shape {input.ShapeText}).", argumentName);
        }
    }
}
