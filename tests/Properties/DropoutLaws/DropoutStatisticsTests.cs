using FsCheck.Xunit;
using Verification.Properties.Support;

namespace Verification.Properties.DropoutLaws;

/// <summary>
/// Property 1: inverted dropout keeps the mean of each unit and gives it variance x²·p/(1 − p). Each case runs
/// <see cref="DropoutLaws.Passes"/> passes of a fixed x; the bounds are exact binomial ones (see
/// <see cref="DropoutLaws.CheckMoments"/>), so a correct layer fails a case with probability at most 1e-6.
/// </summary>
public class DropoutStatisticsTests
{
    [Property(MaxTest = PropertyCounts.Statistical, Arbitrary = [typeof(DropoutArbitraries)])]
    public void Dropout_keeps_the_mean_and_has_variance_x_squared_p_over_one_minus_p(MomentCase c) =>
        DropoutLaws.CheckMoments(ReferenceLayers.Dropout, c.X(), c.P, c.Seed);

    [Property(MaxTest = PropertyCounts.Statistical, Arbitrary = [typeof(DropoutArbitraries)])]
    public void Dropout2d_keeps_the_mean_and_has_variance_x_squared_p_over_one_minus_p(ChannelMomentCase c)
    {
        var x = c.X();
        DropoutLaws.CheckMoments(ReferenceLayers.Dropout2d, x, c.P, c.Seed, ReferenceLayers.ChannelSize(x));
    }
}
