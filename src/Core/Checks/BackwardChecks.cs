namespace Verification.Core.Checks;

/// <summary>The checks every layer's Backward makes before it reads its saved state, with one wording for both stacks.</summary>
public static class BackwardChecks
{
    /// <summary>Returns what the latest Forward saved, or throws when Backward comes first.</summary>
    /// <exception cref="InvalidOperationException">No Forward has run yet.</exception>
    public static T Saved<T>(T? saved, string layer) where T : class =>
        saved ?? throw new InvalidOperationException($"{layer}: Backward called before Forward.");

    /// <summary>
    /// <c>grad_output</c> (autograd's name for ∂L/∂y) must have the shape of the latest forward's output, which for
    /// the layers here is also the shape that pass saved.
    /// </summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static void GradOutput(Tensor gradOutput, Tensor latest, string layer, string argumentName = "gradOutput")
    {
        ArgumentNullException.ThrowIfNull(gradOutput, argumentName);
        ArgumentNullException.ThrowIfNull(latest);
        // SameShape first: Tensor.Shape copies the shape, and the Optimized stack allocates nothing per step.
        if (!gradOutput.SameShape(latest))
        {
            GradOutput(gradOutput, latest.Shape, layer, argumentName);
        }
    }

    /// <summary><c>grad_output</c> must have shape <paramref name="expected"/>, the latest forward's output shape.</summary>
    /// <exception cref="ArgumentException">The shapes differ.</exception>
    public static void GradOutput(Tensor gradOutput, int[] expected, string layer, string argumentName = "gradOutput")
    {
        ArgumentNullException.ThrowIfNull(gradOutput, argumentName);
        if (!gradOutput.HasShape(expected))
        {
            throw new ArgumentException(
                $"{layer} backward: grad_output must have the shape of the latest output, {Shapes.Format(expected)}, " +
                $"but got {gradOutput.ShapeText}.", argumentName);
        }
    }
}
