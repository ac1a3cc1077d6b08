using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Reference;

/// <summary>
/// <c>nn.ReLU()</c>: <c>y = max(x, 0)</c>, any shape. Backward: <c>∂x = g·[y &gt; 0]</c>, so the gradient at exactly 0
/// is 0 (PyTorch's threshold_backward on the saved output).
/// </summary>
public sealed class ReLU : IModule
{
    private Tensor? _output;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary><c>y = max(x, 0)</c>; NaN stays NaN, as in PyTorch.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = new Tensor(input.Shape);
        for (int i = 0; i < input.Length; i++)
        {
            float x = input.Data[i];
            output.Data[i] = x > 0f || float.IsNaN(x) ? x : 0f;
        }
        _output = output;
        return output;
    }

    /// <summary><c>∂x = g where y &gt; 0, else 0</c>.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor output = BackwardChecks.Saved(_output, "ReLU");
        BackwardChecks.GradOutput(gradOutput, output, "ReLU");
        var gradInput = new Tensor(output.Shape);
        for (int i = 0; i < output.Length; i++)
        {
            gradInput.Data[i] = output.Data[i] > 0f ? gradOutput.Data[i] : 0f;
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
