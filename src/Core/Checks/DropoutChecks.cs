using System.Globalization;

namespace Verification.Core.Checks;

/// <summary>The argument checks of <c>nn.Dropout</c> and <c>nn.Dropout2d</c>, with PyTorch's messages, for both stacks.</summary>
public static class DropoutChecks
{
    /// <summary>
    /// <c>p</c> must be in [0, 1] (torch/nn/modules/dropout.py, <c>_DropoutNd.__init__</c>). NaN is rejected too, unlike
    /// PyTorch's <c>p &lt; 0 or p &gt; 1</c> test, which lets NaN through to a meaningless mask.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">p is NaN or outside [0, 1].</exception>
    public static void Probability(double p, string argumentName = "p")
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(argumentName, p,
                "dropout probability has to be between 0 and 1, but got " + p.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// Dropout2d takes <c>(N, C, H, W)</c> or <c>(N, C, L)</c>. PyTorch 2.10 only warns for other ranks and then drops
    /// along the first two dimensions anyway; here it is an error, because a 2-D or 5-D input to Dropout2d is almost
    /// always a mistake.
    /// </summary>
    /// <exception cref="ArgumentException">The input is not 3-D or 4-D.</exception>
    public static void ChannelInput(Tensor input, string argumentName = "input")
    {
        ArgumentNullException.ThrowIfNull(input, argumentName);
        if (input.Rank != 3 && input.Rank != 4)
        {
            throw new ArgumentException(
                $"Dropout2d expects a 4-D input (N, C, H, W) or a 3-D input (N, C, L), but got shape {input.ShapeText}. " +
                "(PyTorch only warns for other ranks; use Dropout for element-wise dropout.)", argumentName);
        }
    }
}
