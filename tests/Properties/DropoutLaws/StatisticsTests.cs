using Xunit;

namespace Verification.Properties.DropoutLaws;

using Verification.Laws;

/// <summary>The binomial machinery behind the statistical properties, against values computed by direct summation.</summary>
public class StatisticsTests
{
    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(5.0, 3.1780538303479458)] // ln 24
    [InlineData(0.5, 0.57236494292470008)] // ln √π
    [InlineData(100.0, 359.13420536957540)]
    public void LogGamma_matches_known_values(double x, double expected) =>
        Assert.Equal(expected, Statistics.LogGamma(x), 1e-12);

    [Theory]
    [InlineData(10, 0.3)]
    [InlineData(40, 0.05)]
    [InlineData(60, 0.9)]
    public void The_binomial_cdf_matches_a_direct_sum(int n, double q)
    {
        double cumulative = 0;
        for (int k = 0; k <= n; k++)
        {
            cumulative += Math.Exp(Statistics.LogGamma(n + 1) - Statistics.LogGamma(k + 1) - Statistics.LogGamma(n - k + 1)
                                   + k * Math.Log(q) + (n - k) * Math.Log(1 - q));
            Assert.Equal(cumulative, Statistics.BinomialCdf(k, n, q), 1e-10);
            Assert.Equal(1 - cumulative, Statistics.BinomialUpperTail(k, n, q), 1e-10);
        }
    }

    [Fact]
    public void The_Clopper_Pearson_bounds_put_exactly_alpha_over_two_in_each_tail()
    {
        const long n = 2000, k = 1400;
        const double alpha = 1e-6;
        var (lower, upper) = Statistics.ClopperPearson(k, n, alpha);
        Assert.InRange(lower, 0.6, 0.7);
        Assert.InRange(upper, 0.7, 0.8);
        Assert.Equal(alpha / 2, Statistics.BinomialUpperTail(k - 1, n, lower), alpha * 1e-3);
        Assert.Equal(alpha / 2, Statistics.BinomialCdf(k, n, upper), alpha * 1e-3);
    }

    [Theory]
    [InlineData(2000L, 0.95)]
    [InlineData(1_200_000L, 0.1)]
    public void The_acceptance_region_leaves_at_most_alpha_over_two_in_each_tail_and_is_tight(long n, double q)
    {
        const double alpha = 1e-7;
        var (low, high) = Statistics.BinomialAcceptanceRegion(n, q, alpha);
        Assert.True(Statistics.BinomialCdf(low - 1, n, q) <= alpha / 2);
        Assert.True(Statistics.BinomialCdf(low, n, q) > alpha / 2);
        Assert.True(Statistics.BinomialUpperTail(high, n, q) <= alpha / 2);
        Assert.True(Statistics.BinomialUpperTail(high - 1, n, q) > alpha / 2);
        Assert.InRange(q * n, low, high);
    }
}
