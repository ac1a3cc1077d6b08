namespace Verification.Laws;

/// <summary>
/// Exact binomial tail bounds for statistical properties, built on the regularized incomplete beta function
/// <c>I_x(a, b)</c>: <c>P(X ≤ k) = I_{1−q}(n − k, k + 1)</c> for <c>X ~ Binomial(n, q)</c>.
/// <para>
/// Why exact tails rather than a normal approximation: the properties promise a false-failure rate (≤ 1e-6 per case),
/// and at such small tail probabilities the normal approximation is off by orders of magnitude when q is near 0 or 1
/// (p = 0.05, p = 0.9). The Clopper–Pearson interval and the acceptance region below hold that promise for every
/// n and q, conservatively (the true coverage is at least 1 − α).
/// </para>
/// Everything is computed in double; tail probabilities are needed to a few significant digits only.
/// </summary>
public static class Statistics
{
    /// <summary>
    /// ln Γ(x) for x &gt; 0: Stirling's series to the x⁻⁹ term after shifting x up to at least 8 with
    /// Γ(x + 1) = x·Γ(x); the truncation error is below 1e-15 relative.
    /// </summary>
    public static double LogGamma(double x)
    {
        if (!(x > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "LogGamma needs x > 0.");
        }
        double shift = 0;
        while (x < 8)
        {
            shift += Math.Log(x);
            x += 1;
        }
        double inverse = 1 / x, inverse2 = inverse * inverse;
        double series = inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 * (1.0 / 1680 - inverse2 / 1188))));
        return (x - 0.5) * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI) + series - shift;
    }

    /// <summary>
    /// The regularized incomplete beta <c>I_x(a, b) = B(x; a, b) / B(a, b)</c> for a, b &gt; 0 and x in [0, 1], by its
    /// continued fraction (modified Lentz), using the symmetry <c>I_x(a, b) = 1 − I_{1−x}(b, a)</c> where that converges faster.
    /// </summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (!(a > 0) || !(b > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(a), $"incomplete beta needs a, b > 0, got a={a}, b={b}.");
        }
        if (!(x >= 0 && x <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "incomplete beta needs x in [0, 1].");
        }
        if (x == 0 || x == 1)
        {
            return x;
        }
        double logFront = LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x);
        if (x < (a + 1) / (a + b + 2))
        {
            return Math.Exp(logFront) * BetaContinuedFraction(a, b, x) / a;
        }
        return 1 - Math.Exp(logFront) * BetaContinuedFraction(b, a, 1 - x) / b;
    }

    /// <summary>
    /// The x at which <c>I_x(a, b) = probability</c>, by bisection on [0, 1] (I is increasing in x); 200 halvings reach
    /// the resolution of double.
    /// </summary>
    public static double BetaQuantile(double a, double b, double probability)
    {
        if (!(probability >= 0 && probability <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(probability), probability, "a probability must be in [0, 1].");
        }
        double lo = 0, hi = 1;
        for (int i = 0; i < 200 && hi - lo > 0; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid <= lo || mid >= hi)
            {
                break;
            }
            if (RegularizedIncompleteBeta(a, b, mid) < probability) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary><c>P(X ≤ k)</c> for <c>X ~ Binomial(n, q)</c>.</summary>
    public static double BinomialCdf(long k, long n, double q)
    {
        if (k < 0) return 0;
        if (k >= n) return 1;
        if (q <= 0) return 1;
        if (q >= 1) return 0;
        return RegularizedIncompleteBeta(n - k, k + 1, 1 - q);
    }

    /// <summary><c>P(X &gt; k)</c> for <c>X ~ Binomial(n, q)</c>, computed directly (no 1 − CDF cancellation).</summary>
    public static double BinomialUpperTail(long k, long n, double q)
    {
        if (k < 0) return 1;
        if (k >= n) return 0;
        if (q <= 0) return 0;
        if (q >= 1) return 1;
        return RegularizedIncompleteBeta(k + 1, n - k, q);
    }

    /// <summary>
    /// The Clopper–Pearson interval for q after <paramref name="k"/> successes in <paramref name="n"/> trials:
    /// <c>[B⁻¹(α/2; k, n − k + 1), B⁻¹(1 − α/2; k + 1, n − k)]</c>. It misses the true q with probability at most α.
    /// </summary>
    public static (double Lower, double Upper) ClopperPearson(long k, long n, double alpha)
    {
        if (n <= 0 || k < 0 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"need 0 ≤ k ≤ n and n > 0, got k={k}, n={n}.");
        }
        double lower = k == 0 ? 0 : BetaQuantile(k, n - k + 1, alpha / 2);
        double upper = k == n ? 1 : BetaQuantile(k + 1, n - k, 1 - alpha / 2);
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

    private static double BetaContinuedFraction(double a, double b, double x)
    {
        const int maxIterations = 1_000_000;
        const double epsilon = 1e-15, tiny = 1e-300;
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - qab * x / qap;
        if (Math.Abs(d) < tiny) d = tiny;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= maxIterations; m++)
        {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            if (Math.Abs(d) < tiny) d = tiny;
            c = 1 + aa / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < epsilon)
            {
                return h;
            }
        }
        throw new InvalidOperationException($"incomplete beta continued fraction did not converge (a={a}, b={b}, x={x}).");
    }
}
