using Xunit;

namespace Verification.Properties.DropoutLaws;

using Verification.Laws;

/// <summary>
/// The binomial machinery behind the statistical properties, against values that do not go through MathNet: direct
/// sums of the binomial terms, and the Clopper–Pearson bounds that have closed forms.
/// </summary>
public class StatisticsTests
{
    /// <summary>
    /// With k = 0 the upper bound solves <c>(1 − q)ⁿ = α/2</c>, with k = n the lower bound solves <c>qⁿ = α/2</c>, and
    /// with k = 1 the lower bound solves <c>1 − (1 − q)ⁿ = α/2</c> (the one-term tails). k = 0, n = 10, α = 0.05 gives
    /// the textbook [0, 0.3085].
    /// </summary>
    [Theory]
    [InlineData(0L, 10L, 0.05)]
    [InlineData(0L, 1000L, 1e-6)]
    [InlineData(1L, 25L, 0.05)]
    [InlineData(40L, 40L, 0.01)]
    public void Clopper_Pearson_bounds_equal_their_closed_forms(long k, long n, double alpha)
    {
        var (lower, upper) = Statistics.ClopperPearson(k, n, alpha);
        if (k == 0)
        {
            Assert.Equal(0, lower);
            Assert.Equal(1 - Math.Pow(alpha / 2, 1.0 / n), upper, 1e-10);
        }
        if (k == 1) Assert.Equal(1 - Math.Pow(1 - alpha / 2, 1.0 / n), lower, 1e-10);
        if (k == n)
        {
            Assert.Equal(Math.Pow(alpha / 2, 1.0 / n), lower, 1e-10);
            Assert.Equal(1, upper);
        }
    }

    [Fact]
    public void The_textbook_interval_for_no_successes_in_ten_trials_is_zero_to_0_3085()
    {
        var (lower, upper) = Statistics.ClopperPearson(0, 10, 0.05);
        Assert.Equal(0, lower);
        Assert.Equal(0.3085, upper, 1e-4);
    }

    [Theory]
    [InlineData(10, 0.3)]
    [InlineData(40, 0.05)]
    [InlineData(60, 0.9)]
    public void The_binomial_cdf_matches_a_direct_sum(int n, double q)
    {
        // C(n, k)·qᵏ(1 − q)ⁿ⁻ᵏ by the ratio of consecutive terms, (n − k)/(k + 1)·q/(1 − q), from (1 − q)ⁿ.
        double term = Math.Pow(1 - q, n), cumulative = 0;
        for (int k = 0; k <= n; k++)
        {
            cumulative += term;
            Assert.Equal(cumulative, Statistics.BinomialCdf(k, n, q), 1e-10);
            Assert.Equal(1 - cumulative, Statistics.BinomialUpperTail(k, n, q), 1e-10);
            term *= (double)(n - k) / (k + 1) * q / (1 - q);
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

    [Fact]
    public void A_bad_count_or_alpha_is_named()
    {
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.ClopperPearson(11, 10, 0.05)).ParamName);
        Assert.Equal("alpha", Assert.Throws<ArgumentOutOfRangeException>(() => Statistics.ClopperPearson(1, 10, 0)).ParamName);
    }
}
