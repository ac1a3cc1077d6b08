using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Verification.Laws;

/// <summary>
/// Exact binomial tail bounds for statistical properties, built on the regularized incomplete beta function
/// <c>I_x(a, b)</c>: <c>P(X ≤ k) = I_{1−q}(n − k, k + 1)</c> and <c>P(X &gt; k) = I_q(k + 1, n − k)</c> for
/// <c>X ~ Binomial(n, q)</c>. The special functions are MathNet.Numerics' (<c>SpecialFunctions.BetaRegularized</c>,
/// <c>Beta.InvCDF</c>), reviewed and tested there; this class only states the binomial identities on top of them.
/// <para>
/// Why exact tails rather than a normal approximation: the properties promise a false-failure rate (≤ 1e-6 per case),
/// and at such small tail probabilities the normal approximation is off by orders of magnitude when q is near 0 or 1
/// (p = 0.05, p = 0.9). The Clopper–Pearson interval and the acceptance region below hold that promise for every
/// n and q, conservatively (the true coverage is at least 1 − α).
/// </para>
/// </summary>
public static class Statistics
{
    /// <summary><c>P(X ≤ k)</c> for <c>X ~ Binomial(n, q)</c>.</summary>
    public static double BinomialCdf(long k, long n, double q)
    {
        if (k < 0) return 0;
        if (k >= n) return 1;
        if (q <= 0) return 1;
        if (q >= 1) return 0;
        return SpecialFunctions.BetaRegularized(n - k, k + 1, 1 - q);
    }

    /// <summary>
    /// <c>P(X &gt; k)</c> for <c>X ~ Binomial(n, q)</c>, from the incomplete beta directly: 1 − CDF would cancel to nothing
    /// at the 1e-7 tails the laws work with.
    /// </summary>
    public static double BinomialUpperTail(long k, long n, double q)
    {
        if (k < 0) return 1;
        if (k >= n) return 0;
        if (q <= 0) return 0;
        if (q >= 1) return 1;
        return SpecialFunctions.BetaRegularized(k + 1, n - k, q);
    }

    /// <summary>
    /// The Clopper–Pearson interval for q after <paramref name="k"/> successes in <paramref name="n"/> trials:
    /// <c>[B⁻¹(α/2; k, n − k + 1), B⁻¹(1 − α/2; k + 1, n − k)]</c> (Clopper and Pearson, Biometrika 26, 1934).
    /// It misses the true q with probability at most α.
    /// </summary>
    public static (double Lower, double Upper) ClopperPearson(long k, long n, double alpha)
    {
        if (n <= 0 || k < 0 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"need 0 ≤ k ≤ n and n > 0, got k={k}, n={n}.");
        }
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be in (0, 1).");
        }
        double lower = k == 0 ? 0 : Beta.InvCDF(k, n - k + 1, alpha / 2);
        double upper = k == n ? 1 : Beta.InvCDF(k + 1, n - k, 1 - alpha / 2);
        return (lower, upper);
    }

    /// <summary>
    /// The smallest integer range [L, U] with <c>P(X &lt; L) ≤ α/2</c> and <c>P(X &gt; U) ≤ α/2</c> for
    /// <c>X ~ Binomial(n, q)</c>: a correct count falls outside it with probability at most α.
    /// </summary>
    public static (long Lower, long Upper) BinomialAcceptanceRegion(long n, double q, double alpha)
    {
        // L = the smallest k with P(X ≤ k) > α/2, so P(X ≤ L − 1) ≤ α/2.
        long lo = 0, hi = n;
        while (lo < hi)
        {
            long mid = lo + (hi - lo) / 2;
            if (BinomialCdf(mid, n, q) > alpha / 2) hi = mid; else lo = mid + 1;
        }
        long lower = lo;

        // U = the smallest k with P(X > k) ≤ α/2.
        lo = 0;
        hi = n;
        while (lo < hi)
        {
            long mid = lo + (hi - lo) / 2;
            if (BinomialUpperTail(mid, n, q) <= alpha / 2) hi = mid; else lo = mid + 1;
        }
        return (lower, lo);
    }
}
