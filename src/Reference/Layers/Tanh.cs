using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Reference;

/// <summary>
/// <c>nn.Tanh()</c>: <c>y = tanh(x)</c>, any shape. Backward from the saved output, as PyTorch: <c>∂x = g·(1 − y²)</c>.
/// </summary>
public sealed class Tanh : IModule
{
    private Tensor? _output;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary><c>y = tanh(x)</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = new Tensor(input.Shape);
        for (int i = 0; i < input.Length; i++)
        {
            output.Data[i] = MathF.Tanh(input.Data[i]);
        }
        _output = output;
        return output;
    }

    /// <summary><c>∂x = g·(1 − y²)</c> (tanh_backward).</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor output = BackwardChecks.Saved(_output, "Tanh");
        BackwardChecks.GradOutput(gradOutput, output, "Tanh");
        var gradInput = new Tensor(output.Shape);
        for (int i = 0; i < output.Length; i++)
        {
            float y = output.Data[i];
            // 1 − y² with one rounding (libtorch's kernel fuses it); it cancels badly when |y| ≈ 1.
            gradInput.Data[i] = gradOutput.Data[i] * MathF.FusedMultiplyAdd(-y, y, 1f);
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
