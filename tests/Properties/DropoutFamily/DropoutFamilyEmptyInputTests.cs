using Verification.Core;
using Verification.Core.Random;
using Verification.Laws;
using Xunit;

namespace Verification.Properties.DropoutFamily;

/// <summary>
/// An empty input (some dimension 0) in training mode with 0 &lt; p &lt; 1: ATen's <c>_dropout_impl</c> returns the input
/// itself before it draws (<c>if (p == 0 || !train || input.sym_numel() == 0) return input;</c>), and before
/// <c>make_feature_noise</c> checks the rank, so FeatureAlphaDropout takes an empty 1-D input too. Backward then returns
/// the gradient itself. The family's generated cases never have a zero dimension, so nothing else checks this.
/// </summary>
public class DropoutFamilyEmptyInputTests
{
    public static TheoryData<string, string, int[]> Cases()
    {
        var data = new TheoryData<string, string, int[]>();
        int[][] Shapes(string row) => row switch
        {
            "Dropout1d" => [[0, 3, 4], [2, 0, 4], [2, 3, 0], [3, 0]],
            "Dropout3d" => [[0, 2, 1, 1, 1], [2, 3, 0, 2, 2], [3, 1, 0, 2]],
            "AlphaDropout" => [[0], [3, 0]],
            _ => [[0], [0, 3], [2, 3, 0]],
        };
        foreach (FamilyRow row in FamilyTable.Rows)
        {
            foreach (string stack in FamilyTable.Stacks)
            {
                foreach (int[] shape in Shapes(row.Name)) data.Add(row.Name, stack, shape);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_empty_input_in_training_is_returned_itself_without_a_draw_and_so_is_its_gradient(string rowName, string stack, int[] shape)
    {
        var generator = new TorchGenerator(5);
        TorchGeneratorState before = generator.SaveState();
        IModule layer = FamilyTable.Row(rowName).For(stack)(0.5, generator);
        var x = new Tensor(shape);
        var g = new Tensor(shape);

        Assert.Same(x, layer.Forward(x));
        Assert.Same(g, layer.Backward(g));
        Verification.Laws.DropoutLaws.RequireSameState(before, generator.SaveState(), "an empty input draws nothing",
            new Counterexample(shape, 0.5, 5, Detail: $"{stack} {rowName}"));
    }
}
