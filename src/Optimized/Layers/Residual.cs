using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Optimized;

/// <summary>
/// A residual connection <c>y = x + block(x)</c>, backward <c>∂x = ∂y + block.Backward(∂y)</c>, the block's parameters
/// named <c>block.…</c> (the Reference twin's summary cites the sources). Both sums are one
/// <see cref="TensorPrimitives.Add(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float})"/> into a buffer kept across steps.
/// </summary>
public sealed class Residual : IModule
{
    private Tensor? _input, _output, _gradInput;

    /// <summary>A residual connection around <paramref name="block"/>, which must keep its input's shape.</summary>
    public Residual(IModule block)
    {
        ArgumentNullException.ThrowIfNull(block);
        Block = block;
    }

    /// <summary>The residual branch f.</summary>
    public IModule Block { get; }

    /// <inheritdoc/>
    public bool IsTraining => Block.IsTraining;

    /// <inheritdoc/>
    public void SetTraining(bool training) => Block.SetTraining(training);

    /// <inheritdoc/>
    public IEnumerable<IModule> Children() => [Block];

    /// <inheritdoc/>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor branch = Block.Forward(input);
        StochasticDepthChecks.ResidualShapes(input, branch);
        Tensor output = Buffers.Like(ref _output, input);
        TensorPrimitives.Add(input.Data, branch.Data, output.Data);
        _input = input;
        return output;
    }

    /// <inheritdoc/>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        Tensor input = BackwardChecks.Saved(_input, "Residual");
        BackwardChecks.GradOutput(gradOutput, input, "Residual");
        Tensor throughBlock = Block.Backward(gradOutput);
        Tensor gradInput = Buffers.Like(ref _gradInput, input);
        TensorPrimitives.Add(gradOutput.Data, throughBlock.Data, gradInput.Data);
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() =>
        Block.NamedParameters().Select(p => new NamedParameter("block." + p.Name, p.Parameter));

    /// <inheritdoc/>
    public IEnumerable<NamedBuffer> NamedBuffers() =>
        Block.NamedBuffers().Select(b => new NamedBuffer("block." + b.Name, b.Value));
}
