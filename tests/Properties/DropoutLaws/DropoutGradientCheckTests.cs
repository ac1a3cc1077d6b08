using FsCheck.Xunit;
using Verification.Core;
using Verification.Properties.Support;

namespace Verification.Properties.DropoutLaws;

/// <summary>
/// Property 6: Backward agrees with centred differences of Forward. Before every forward pass the generator is restored
/// to the same state, so every pass draws the same mask and y is a fixed linear function of x.
/// </summary>
public class DropoutGradientCheckTests
{
    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(DropoutArbitraries)])]
    public void Dropout_backward_matches_centred_differences(GradientCase c) =>
        Check(ReferenceLayers.Dropout, c);

    [Property(MaxTest = PropertyCounts.Gradients, Arbitrary = [typeof(DropoutArbitraries)])]
    public void Dropout2d_backward_matches_centred_differences(ChannelGradientCase c) =>
        Check(ReferenceLayers.Dropout2d, c);

    private static void Check(DropoutFactory create, DropoutCase c)
    {
        var generator = c.Generator();
        var start = generator.SaveState();
        IModule layer = create(c.P, generator);
        GradientCheck.Module(layer, c.X(), c.GradOutput(), () => generator.RestoreState(start), c.ToString());
    }
}
