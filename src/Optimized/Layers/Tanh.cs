using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary><c>nn.Tanh()</c>: <c>y = tanh x</c>; backward <c>∂x = g·(1 − y²)</c>. Any shape.</summary>
public sealed class Tanh : IModule
{
    private Tensor? _output, _gradInput;

    /// <inheritdoc/>
    public bool IsTraining { get; private set; } = true;

    /// <inheritdoc/>
    public void SetTraining(bool training) => IsTraining = training;

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor output = Buffers.Like(ref _output, input);
        // An empty tensor maps to an empty tensor, as in PyTorch (and as TensorPrimitives does for Tanh).
        if (input.Length > 0) TensorPrimitives.Tanh(input.Data, output.Data);
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor output = BackwardChecks.Saved(_output, "Tanh");
        BackwardChecks.GradOutput(gradOutput, output, "Tanh");
        Tensor gradInput = Buffers.Like(ref _gradInput, output);
        VectorDriver.Zip(new TanhGradient(), output.Data, gradOutput.Data, gradInput.Data);
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
