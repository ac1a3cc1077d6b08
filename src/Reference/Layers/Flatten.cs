using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Reference;

/// <summary>
/// <c>nn.Flatten()</c> (start_dim=1, end_dim=−1): <c>x: (N, D₁, …, D_r)</c> → <c>y: (N, D₁·…·D_r)</c>, the same values in
/// the same (row-major) order, as a view of the input's data, as PyTorch's is. Backward reshapes g back to x's shape.
/// </summary>
public sealed class Flatten : IModule
{
    // What backward needs: the input's shape.
    private int[] _inputShape = [];
    private int[] _outputShape = [];

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <summary><c>y[n, flat(d₁, …, d_r)] = x[n, d₁, …, d_r]</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        // The check first: it refuses a null input by name, where input.Size(0) would throw a NullReferenceException.
        int rest = FlattenChecks.Input(input);
        int[] outputShape = [input.Size(0), rest];
        _inputShape = input.Shape;
        _outputShape = outputShape;
        return new Tensor(input.Data, outputShape);
    }

    /// <summary><c>∂x = g</c> viewed with x's shape.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        if (_inputShape.Length == 0) throw new InvalidOperationException("Flatten: Backward called before Forward.");
        if (!gradOutput.HasShape(_outputShape))
        {
            throw new ArgumentException(
                $"Flatten backward: expected grad_output of shape {Shapes.Format(_outputShape)} but got {gradOutput.ShapeText}.",
                nameof(gradOutput));
        }
        return new Tensor(gradOutput.Data, _inputShape);
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
