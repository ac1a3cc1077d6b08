using FsCheck.Xunit;
using Verification.Core;
using Verification.Properties.Laws;
using Verification.Properties.Support;

namespace Verification.Properties.DropoutLaws;

/// <summary>
/// Dropout's backward is its derivative: Backward agrees with centred differences of Forward, for every row of
/// <see cref="LawTable.Dropouts"/> on both stacks. Before every forward pass the generator is restored to the same state,
/// so every pass draws the same mask and y is a fixed linear function of x.
/// </summary>
public class DropoutGradientCheckTests
{
    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(LawArbitraries)])]
    public void Dropout_backward_matches_centred_differences(DropoutGradientCase c)
    {
        foreach (Stack stack in LawTable.Stacks)
        {
            var generator = c.Generator();
            var start = generator.SaveState();
            IModule layer = c.Row.For(stack)(c.P, generator);
            GradientCheck.Module(layer, c.X(), c.GradOutput(), () => generator.RestoreState(start), $"{stack} {c}");
        }
    }
}
