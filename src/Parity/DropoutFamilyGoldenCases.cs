using Verification.Core;
using Verification.Core.Random;

namespace Verification.Parity;

/// <summary>
/// dropout_family.json: <c>x = randn(shape)</c>, <c>grad_output = randn(shape)</c>, then Dropout1d, Dropout3d (batched
/// and unbatched), AlphaDropout or FeatureAlphaDropout in training mode on the same generator, so the mask continues
/// PyTorch's stream. Values and gradients are bit-exact: the mask is the same Bernoulli draws, and each output is the
/// float32 operations ATen performs in its order (<c>x·s</c>, or <c>x·s + b</c> for the alpha variants).
/// </summary>
public sealed class DropoutFamilyGoldenCases : IGoldenCaseKind
{
    /// <inheritdoc/>
    public bool Recognizes(GoldenCase c) => c.Op is "Dropout1d" or "Dropout3d" or "AlphaDropout" or "FeatureAlphaDropout";

    /// <inheritdoc/>
    public void Run(GoldenCase c, IStack stack, CaseCheck check)
    {
        int[] shape = c.Ints("shape");
        double p = c.Param("p");
        var generator = new TorchGenerator(c.Seed);
        float[] x = c.Floats("x"), gradOutput = c.Floats("grad_output");
        check.Values("x = randn", x, generator.Randn(shape).Data, Tolerance.BitExact);
        check.Values("grad_output = randn", gradOutput, generator.Randn(shape).Data, Tolerance.BitExact);
        IModule layer = c.Op switch
        {
            "Dropout1d" => stack.Dropout1d(p, generator),
            "Dropout3d" => stack.Dropout3d(p, generator),
            "AlphaDropout" => stack.AlphaDropout(p, generator),
            _ => stack.FeatureAlphaDropout(p, generator),
        };
        check.Values("y", c.Floats("y"), layer.Forward(Tensor.FromValues(x, shape)).Data, ParityTolerances.Dropout);
        check.Values("grad_input", c.Floats("grad_input"), layer.Backward(Tensor.FromValues(gradOutput, shape)).Data,
            ParityTolerances.Dropout);
    }
}
