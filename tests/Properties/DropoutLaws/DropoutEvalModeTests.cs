using FsCheck.Xunit;
using Verification.Properties.Support;

namespace Verification.Properties.DropoutLaws;

/// <summary>Property 3: eval mode is the identity, deterministic, and never touches the generator.</summary>
public class DropoutEvalModeTests
{
    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(DropoutArbitraries)])]
    public void Dropout_in_eval_mode_is_the_identity_and_draws_nothing(ElementCase c) =>
        DropoutLaws.CheckEvalIsIdentity(ReferenceLayers.Dropout, c.X(), c.GradOutput(), c.P, c.Seed);

    [Property(MaxTest = PropertyCounts.Laws, Arbitrary = [typeof(DropoutArbitraries)])]
    public void Dropout2d_in_eval_mode_is_the_identity_and_draws_nothing(ChannelCase c) =>
        DropoutLaws.CheckEvalIsIdentity(ReferenceLayers.Dropout2d, c.X(), c.GradOutput(), c.P, c.Seed);
}
