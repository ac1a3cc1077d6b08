using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary><c>nn.Sigmoid()</c>: <c>y = 1 / (1 + e⁻ˣ)</c>; backward <c>∂x = g·(1 − y)·y</c> (PyTorch's order). Any shape.</summary>
public sealed class Sigmoid : IModule
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
        // TensorPrimitives.Sigmoid refuses an empty span; an empty tensor maps to an empty tensor, as in PyTorch.
        if (input.Length > 0) TensorPrimitives.Sigmoid(input.Data, output.Data);
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor output = BackwardChecks.Saved(_output, "Sigmoid");
        BackwardChecks.GradOutput(gradOutput, output, "Sigmoid");
        Tensor gradInput = Buffers.Like(ref _gradInput, output);
        VectorDriver.Zip(new SigmoidGradient(), output.Data, gradOutput.Data, gradInput.Data);
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
