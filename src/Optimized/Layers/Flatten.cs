using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary>
/// <c>nn.Flatten()</c> (start_dim=1, end_dim=−1): <c>(N, D₁, …, D_r)</c> → <c>(N, D₁·…·D_r)</c>, a view of the input's
/// data (no copy), as PyTorch's is; backward views g with the input's shape. The two views are kept across calls.
/// </summary>
public sealed class Flatten : IModule
{
    private Tensor? _output, _gradInput;
    private int[] _inputShape = [];

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        int rest = FlattenChecks.Input(input);
        if (_output is null || !ReferenceEquals(_output.Data, input.Data) || _output.Size(0) != input.Size(0) || _output.Size(1) != rest)
        {
            _output = new Tensor(input.Data, input.Size(0), rest);
        }
        if (!input.HasShape(_inputShape)) _inputShape = input.Shape;
        return _output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_output is null) throw new InvalidOperationException("Flatten: Backward called before Forward.");
        if (!gradOutput.SameShape(_output))
        {
            throw new ArgumentException(
                $"Flatten backward: expected grad_output of shape {_output.ShapeText} but got {gradOutput.ShapeText}.", nameof(gradOutput));
        }
        if (_gradInput is null || !ReferenceEquals(_gradInput.Data, gradOutput.Data) || !_gradInput.HasShape(_inputShape))
        {
            _gradInput = new Tensor(gradOutput.Data, _inputShape);
        }
        return _gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
