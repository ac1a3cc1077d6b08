using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary><c>nn.ReLU()</c>: <c>y = max(x, 0)</c> (NaN stays NaN); backward <c>∂x = g · [y &gt; 0]</c>. Any shape.</summary>
public sealed class ReLU : IModule
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
        // max(x, 0) as IEEE 754 maximum, as ATen's clamp_min: NaN stays NaN, max(−0, 0) = +0.
        TensorPrimitives.Max(input.Data, 0f, output.Data);
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor output = BackwardChecks.Saved(_output, "ReLU");
        BackwardChecks.GradOutput(gradOutput, output, "ReLU");
        Tensor gradInput = Buffers.Like(ref _gradInput, output);
        VectorDriver.Zip(new ReluGradient(), output.Data, gradOutput.Data, gradInput.Data);
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() => [];
}
