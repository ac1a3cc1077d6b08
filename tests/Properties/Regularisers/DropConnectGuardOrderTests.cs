using Verification.Core.Random;
using Xunit;

namespace Verification.Properties.Regularisers;

/// <summary>
/// DropConnect checks its sizes first, as Linear does: a zero size with a bad p or a null generator is still reported
/// as the size, by name, on both stacks; the inner Linear would check the sizes too, but only after p and the generator.
/// </summary>
public class DropConnectGuardOrderTests
{
    public static TheoryData<string> StackNames() => [.. RegulariserTable.Stacks];

    [Theory]
    [MemberData(nameof(StackNames))]
    public void A_zero_size_is_reported_before_a_bad_probability(string stack)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RegulariserTable.DropConnect(stack)(0, 2, 2.0, new TorchGenerator(7)));

        Assert.Equal("inFeatures", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(StackNames))]
    public void A_zero_size_is_reported_before_a_null_generator(string stack)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => RegulariserTable.DropConnect(stack)(3, 0, 0.5, null!));

        Assert.Equal("outFeatures", error.ParamName);
    }
}
