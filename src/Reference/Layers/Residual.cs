using Verification.Core;
using Verification.Core.Checks;

namespace Verification.Reference;

/// <summary>
/// A residual connection around a block: <c>y = x + block(x)</c> (He, Zhang, Ren and Sun, "Deep Residual Learning for Image
/// Recognition", CVPR 2016), the place stochastic depth goes: <c>Residual(Sequential(f…, StochasticDepth(p, "row")))</c>
/// is torchvision's <c>result = stochastic_depth(block(x)); result += x</c> (torchvision/models/convnext.py, CNBlock).
/// Backward: <c>∂x = ∂y + block.Backward(∂y)</c>. The block's parameters are named <c>block.…</c>.
/// </summary>
public sealed class Residual : IModule
{
    private int[]? _inputShape;

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

    /// <summary><c>y[i] = x[i] + f(x)[i]</c>.</summary>
    public Tensor Forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Tensor branch = Block.Forward(input);
        StochasticDepthChecks.ResidualShapes(input, branch);
        var output = new Tensor(input.Shape);
        for (int i = 0; i < output.Length; i++)
        {
            output[i] = input[i] + branch[i];
        }
        _inputShape = input.Shape;
        return output;
    }

    /// <summary><c>∂x = ∂y + ∂f/∂x·∂y</c>: the identity path passes the gradient unchanged.</summary>
    public Tensor Backward(Tensor gradOutput)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        int[] shape = BackwardChecks.Saved(_inputShape, "Residual");
        BackwardChecks.GradOutput(gradOutput, shape, "Residual");
        Tensor throughBlock = Block.Backward(gradOutput);
        var gradInput = new Tensor(shape);
        for (int i = 0; i < gradInput.Length; i++)
        {
            gradInput[i] = gradOutput[i] + throughBlock[i];
        }
        return gradInput;
    }

    /// <inheritdoc/>
    public IEnumerable<NamedParameter> NamedParameters() =>
        Block.NamedParameters().Select(p => new NamedParameter("block." + p.Name, p.Parameter));

    /// <inheritdoc/>
    public IEnumerable<NamedBuffer> NamedBuffers() =>
        Block.NamedBuffers().Select(b => new NamedBuffer("block." + b.Name, b.Value));
}
