using Verification.Core.Random;
using Xunit;

namespace Verification.Properties.CoreTypes;

public class NumpyRandomStateTests
{
    /// <summary>NumPy's own output: <c>np.random.seed(s); np.random.rand(4)</c> for the two seeds every tutorial shows.</summary>
    [Theory]
    [InlineData(0, new[] { 0.5488135039273248, 0.7151893663724195, 0.6027633760716439, 0.5448831829968969 })]
    [InlineData(42, new[] { 0.3745401188473625, 0.9507143064099162, 0.7319939418114051, 0.5986584841970366 })]
    public void Seeded_rand_reproduces_numpy(long seed, double[] expected)
    {
        Assert.Equal(expected, new NumpyRandomState(seed).Rand(4));
    }

    [Fact]
    public void Seeds_outside_numpy_s_range_are_rejected()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandomState(-1));
        Assert.Equal("seed", ex.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandomState(1L << 32));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NumpyRandomState(1).Rand(-1));
    }
}
