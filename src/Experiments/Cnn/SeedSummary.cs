namespace Verification.Experiments.Cnn;

/// <summary>
/// One quantity measured over several seeds: its mean and sample standard deviation
/// <c>s = √(Σ (xᵢ − x̄)² / (n − 1))</c>, and the standard error of the mean <c>s/√n</c>.
/// </summary>
public sealed record SeedSummary(double Mean, double StandardDeviation, int Count)
{
    /// <summary>The summary of <paramref name="values"/> (at least two).</summary>
    public static SeedSummary Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count < 2)
        {
            throw new ArgumentException($"a standard deviation needs at least 2 seeds, but got {values.Count}.", nameof(values));
        }
        double mean = values.Average();
        double sumOfSquares = values.Sum(v => (v - mean) * (v - mean));
        return new SeedSummary(mean, Math.Sqrt(sumOfSquares / (values.Count - 1)), values.Count);
    }

    /// <summary><c>s/√n</c>.</summary>
    public double StandardError => StandardDeviation / Math.Sqrt(Count);

    /// <summary>
    /// The standard error of the difference of two independent means, <c>√(s₁²/n₁ + s₂²/n₂)</c>: a difference larger than
    /// twice it is one the seeds resolve (Welch's two-sample comparison at about 95%).
    /// </summary>
    public static double DifferenceError(SeedSummary a, SeedSummary b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Math.Sqrt(a.StandardError * a.StandardError + b.StandardError * b.StandardError);
    }
}
