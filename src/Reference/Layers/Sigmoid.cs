using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Reference;

/// <summary>
/// <c>nn.Sigmoid()</c>: <c>y = 1 / (1 + e^(−x))</c>, any shape. Backward from the saved output, as PyTorch:
/// <c>∂x = g·(1 − y)·y</c>.
/// </summary>
public sealed class Sigmoid : IModule
{
    private Tensor? _output;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary><c>y = 1 / (1 + e^(−x))</c>; saturates to exactly 0 or 1 for large |x| without overflow trouble.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = new Tensor(input.Shape);
        for (int i = 0; i < input.Length; i++)
        {
            output.Data[i] = 1f / (1f + MathF.Exp(-input.Data[i]));
        }
        _output = output;
        return output;
    }

    /// <summary><c>∂x = g·(1 − y)·y</c>, multiplied in PyTorch's order (sigmoid_backward).</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor output = BackwardChecks.Saved(_output, "Sigmoid");
        BackwardChecks.GradOutput(gradOutput, output, "Sigmoid");
        var gradInput = new Tensor(output.Shape);
        for (int i = 0; i < output.Length; i++)
        {
            float y = output.Data[i];
            gradInput.Data[i] = gradOutput.Data[i] * (1f - y) * y;
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
