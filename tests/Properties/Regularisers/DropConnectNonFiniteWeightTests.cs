using Verification.Core;
using Verification.Core.Random;
using Xunit;

namespace Verification.Properties.Regularisers;

/// <summary>
/// At p = 1 the effective weight is W·0, as ATen's dropout at p = 1 computes it, not a zeroed buffer: an infinite
/// weight gives NaN in its output column on both stacks, and the other columns are just the bias.
/// </summary>
public class DropConnectNonFiniteWeightTests
{
    public static TheoryData<string> StackNames() => [.. RegulariserTable.Stacks];

    [Theory]
    [MemberData(nameof(StackNames))]
    public void At_p_one_an_infinite_weight_gives_NaN_in_its_column(string stack)
    {
        IModule layer = RegulariserTable.DropConnect(stack)(3, 2, 1.0, new TorchGenerator(7));
        NamedParameter[] parameters = layer.NamedParameters().ToArray();
        parameters[0].Parameter.Value.Data[0] = float.PositiveInfinity;
        float[] bias = parameters[1].Parameter.Value.Data;
        var x = new Tensor([1f, 2f, 3f, -1f, 0.5f, 4f], 2, 3);

        Tensor y = layer.Forward(x);

        for (int row = 0; row < 2; row++)
        {
            Assert.True(float.IsNaN(y[row * 2]), $"{stack}: y[{row}, 0] is {y[row * 2]:R}, expected NaN (∞·0)");
            Assert.Equal(bias[1], y[row * 2 + 1]);
        }
    }
}
