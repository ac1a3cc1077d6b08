using Verification.Core;
using Verification.Core.Random;

namespace Verification.Parity;

/// <summary>
/// dropout.json: <c>x = randn(shape)</c>, <c>grad_output = randn(shape)</c>, then Dropout or Dropout2d in training mode on
/// the same generator, so the mask continues PyTorch's stream; values and gradients bit-exact. <c>Dropout.ones</c>: the
/// documents' own calls on a tensor of ones.
/// </summary>
public sealed class DropoutGoldenCases : IGoldenCaseKind
{
    /// <inheritdoc/>
    public bool Recognizes(GoldenCase c) => c.Op is "Dropout" or "Dropout2d" or "Dropout.ones";

    /// <inheritdoc/>
    public void Run(GoldenCase c, IStack stack, CaseCheck check)
    {
        int[] shape = c.Ints("shape");
        double p = c.Param("p");
        var generator = new TorchGenerator(c.Seed);
        if (c.Op == "Dropout.ones")
        {
            check.Values("y", c.Floats("values"), stack.Dropout(p, generator).Forward(Tensor.Ones(shape)).Data, ParityTolerances.Dropout);
            return;
        }
        float[] x = c.Floats("x"), gradOutput = c.Floats("grad_output");
        check.Values("x = randn", x, generator.Randn(shape).Data, Tolerance.BitExact);
        check.Values("grad_output = randn", gradOutput, generator.Randn(shape).Data, Tolerance.BitExact);
        var layer = c.Op == "Dropout" ? stack.Dropout(p, generator) : stack.Dropout2d(p, generator);
        check.Values("y", c.Floats("y"), layer.Forward(Tensor.FromValues(x, shape)).Data, ParityTolerances.Dropout);
        check.Values("grad_input", c.Floats("grad_input"), layer.Backward(Tensor.FromValues(gradOutput, shape)).Data, ParityTolerances.Dropout);
    }
}
