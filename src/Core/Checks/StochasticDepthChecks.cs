using System.Globalization;

namespace Verification.Core.Checks;

/// <summary>
/// The argument checks of <c>torchvision.ops.stochastic_depth</c> and <c>StochasticDepth</c>, with torchvision's messages
/// (torchvision/ops/stochastic_depth.py), for both stacks; and the residual connection's shape check.
/// </summary>
public static class StochasticDepthChecks
{
    /// <summary>The modes torchvision accepts: one draw per sample ("row") or one for the whole batch ("batch").</summary>
    public static readonly IReadOnlyList<string> Modes = ["batch", "row"];

    /// <summary>
    /// <c>p</c> must be in [0, 1] (torchvision raises <c>ValueError</c>); NaN is rejected too, which torchvision's
    /// <c>p &lt; 0.0 or p &gt; 1.0</c> would let through.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">p is NaN or outside [0, 1].</exception>
    public static void Probability(double p, string argumentName = "p")
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(argumentName, p,
                "drop probability has to be between 0 and 1, but got " + p.ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary><c>mode</c> must be "batch" or "row".</summary>
    /// <exception cref="ArgumentException">Any other mode, null included.</exception>
    public static void Mode(string mode, string argumentName = "mode")
    {
        if (mode is not ("batch" or "row"))
        {
            throw new ArgumentException($"mode has to be either 'batch' or 'row', but got {mode ?? "null"}", argumentName);
        }
    }

    /// <summary>Row mode draws one value per sample along dimension 0, so the input needs at least one dimension.</summary>
    /// <exception cref="ArgumentException">The input has no dimensions.</exception>
    public static void Input(Tensor input, string argumentName = "input")
    {
        ArgumentNullException.ThrowIfNull(input, argumentName);
        if (input.Rank < 1)
        {
            throw new ArgumentException($"stochastic depth needs an input with a batch dimension, but got shape {input.ShapeText}.",
                argumentName);
        }
    }

    /// <summary><c>x + block(x)</c> needs the block to keep the input's shape.</summary>
    /// <exception cref="ArgumentException">The block's output has another shape.</exception>
    public static void ResidualShapes(Tensor input, Tensor blockOutput)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(blockOutput);
        if (!blockOutput.SameShape(input))
        {
            throw new ArgumentException(
                $"a residual block must keep its input's shape: x + block(x) got x of shape {input.ShapeText} and block(x) of shape " +
                $"{blockOutput.ShapeText}.", nameof(input));
        }
    }
}
