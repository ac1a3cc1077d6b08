using Verification.Core;
using Verification.Core.Random;
using Xunit;

namespace Verification.Properties.Layers;

/// <summary>
/// Residual's own guards on both stacks: a null block, a null input, a block that changes its input's shape (x + block(x)
/// needs both of one shape), and the <c>block.</c> prefix of its buffers, as PyTorch names a sub-module's state. Mutation
/// testing of the Reference (docs/reliability.md, "Mutation testing") found each unchecked.
/// </summary>
public class ResidualGuardTests
{
    public static TheoryData<string> StackNames() => [.. Verification.Stacks.Names()];

    /// <summary>
    /// A block with no guard of its own, as a user's block may be: with any block of the stacks a null input would be
    /// refused by the block anyway, so only this one shows whether Residual refuses it before running the block.
    /// </summary>
    private sealed class UncheckedBlock : IModule
    {
        public int Forwards { get; private set; }

        public bool IsTraining => true;

        public void SetTraining(bool training) { }

        public Tensor Forward(Tensor input)
        {
            Forwards++;
            return input;
        }

        public Tensor Backward(Tensor gradOutput) => gradOutput;

        public IEnumerable<NamedParameter> NamedParameters() => [];
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Residual_refuses_a_null_block_by_name(string stackName)
    {
        IStack stack = Verification.Stacks.ByName(stackName);

        var error = Assert.Throws<ArgumentNullException>(() => stack.Residual(null!));

        Assert.Equal("block", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Residual_refuses_a_null_input_by_name_before_running_its_block(string stackName)
    {
        var block = new UncheckedBlock();
        IModule residual = Verification.Stacks.ByName(stackName).Residual(block);

        var error = Assert.Throws<ArgumentNullException>(() => residual.Forward(null!));

        Assert.Equal("input", error.ParamName);
        Assert.Equal(0, block.Forwards);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Residual_refuses_a_block_that_changes_the_shape_naming_both_shapes(string stackName)
    {
        IStack stack = Verification.Stacks.ByName(stackName);
        IModule residual = stack.Residual(stack.Linear(3, 2, new TorchGenerator(1)));

        var error = Assert.Throws<ArgumentException>(() => residual.Forward(Tensor.Ones(4, 3)));

        Assert.Equal("input", error.ParamName);
        Assert.StartsWith("a residual block must keep its input's shape: x + block(x) got x of shape [4, 3] and block(x) of shape [4, 2].",
            error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void Residual_names_its_blocks_buffers_under_block(string stackName)
    {
        IStack stack = Verification.Stacks.ByName(stackName);
        IModule norm = stack.BatchNorm1d(3);
        IModule residual = stack.Residual(norm);

        NamedBuffer[] buffers = [.. residual.NamedBuffers()];
        NamedBuffer[] own = [.. norm.NamedBuffers()];

        Assert.Equal(["block.running_mean", "block.running_var", "block.num_batches_tracked"], buffers.Select(b => b.Name));
        Assert.All(buffers.Zip(own), pair => Assert.Same(pair.Second.Value, pair.First.Value));
    }
}
