using Verification.Core;
using Verification.Core.Random;

namespace Verification.Laws;

/// <summary>
/// The laws of the rest of the dropout family (Dropout1d, Dropout3d, AlphaDropout, FeatureAlphaDropout) as check
/// functions over a <see cref="DropoutFactory"/>: each throws a <see cref="LawViolation"/> naming the law, the case, what
/// was expected and what was found. The eval-mode, p = 0 and p = 1 laws are <see cref="DropoutLaws"/>' own, which hold for
/// the whole family. The property suite runs them on both stacks; the Broken tests run them on known-wrong layers.
/// </summary>
public static class DropoutFamilyLaws
{
    /// <summary>−α′ = λ·α of SELU (Klambauer et al., 2017), as aten/src/ATen/native/Dropout.cpp writes it.</summary>
    public const double SeluNegativeSaturation = 1.7580993408473766;

    /// <summary>The law <see cref="CheckMaskAndGradient"/> checks.</summary>
    public const string KeptOrDropped = "each unit is kept (y = x·s + b₁, ∂L/∂x = ∂L/∂y·s) or dropped (y = b₀, ∂L/∂x = 0)";

    /// <summary>The law <see cref="CheckMaskAndGradient"/> checks for feature variants.</summary>
    public const string WholeChannels = "feature dropout keeps or drops whole channels";

    /// <summary>The law <see cref="CheckAlphaMoments"/> checks.</summary>
    public const string AlphaMoments = "alpha dropout keeps mean 0 and variance 1 of a standard-normal input";

    /// <summary>The false-failure rate the statistical check allows a correct layer, per case.</summary>
    public const double FalseFailureRate = 1e-6;

    /// <summary>
    /// What a kept and a dropped unit become, in ATen's float32 arithmetic: plain (inverted) dropout scales a kept unit
    /// by <c>s = 1f/(float)(1 − p)</c> and zeroes a dropped one; alpha dropout has <c>s = (float)a</c>,
    /// <c>a = 1/√((α²p + 1)(1 − p))</c>, a kept unit <c>x·s + b₁</c> with <c>b₁ = (float)(α·a·p)</c>, and a dropped one the
    /// constant <c>b₀ = −(float)(α·a) + b₁</c> (ATen's <c>b = (noise − 1)·(α·a) + α·a·p</c> at noise 1 and 0).
    /// </summary>
    public static (float Scale, float KeptShift, float DroppedShift) Affine(double p, bool alpha)
    {
        if (!alpha)
        {
            return (1f / (float)(1 - p), 0f, 0f);
        }
        double a = 1 / Math.Sqrt((SeluNegativeSaturation * SeluNegativeSaturation * p + 1) * (1 - p));
        float kept = (float)(SeluNegativeSaturation * a * p);
        return ((float)a, kept, -(float)(SeluNegativeSaturation * a) + kept);
    }

    /// <summary>
    /// Law "every unit is kept or dropped, and the gradient flows only through kept units", and for feature variants
    /// "whole channels": in training mode (0 &lt; p &lt; 1) each element is either kept (<c>y = x·s (+ b₁)</c>, and
    /// <c>∂L/∂x = ∂L/∂y·s</c>, bit for bit) or dropped (<c>y = 0</c>, or <c>b₀</c> for alpha dropout, and <c>∂L/∂x = 0</c>),
    /// and all elements of one draw group (a (sample, channel) for the feature variants) share the same fate. x has no
    /// zeros and no value near α′, so the fate is read from y alone.
    /// </summary>
    public static void CheckMaskAndGradient(DropoutFactory create, bool alpha, int groups, Tensor x, Tensor gradOutput, double p, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gradOutput);
        IModule layer = create(p, new TorchGenerator(seed));
        Tensor y = layer.Forward(x).Clone();
        Tensor gradInput = layer.Backward(gradOutput);
        var (scale, keptShift, droppedShift) = Affine(p, alpha);
        var counterexample = new Counterexample(x.Shape, p, seed);
        if (!y.SameShape(x) || !gradInput.SameShape(x))
        {
            throw new LawViolation(KeptOrDropped, counterexample, $"y and ∂L/∂x of shape {x.ShapeText}",
                $"y {y.ShapeText}, ∂L/∂x {gradInput.ShapeText}");
        }
        int plane = x.Length / groups;
        for (int k = 0; k < groups; k++)
        {
            bool groupKept = IsKept(y[k * plane], alpha, droppedShift);
            for (int i = k * plane; i < (k + 1) * plane; i++)
            {
                bool kept = IsKept(y[i], alpha, droppedShift);
                if (kept != groupKept)
                {
                    throw new LawViolation(WholeChannels, counterexample.At(i),
                        $"draw group {k} (elements [{k * plane}, {(k + 1) * plane})) all kept or all dropped",
                        $"element {k * plane} {(groupKept ? "kept" : "dropped")}, element {i} {(kept ? "kept" : "dropped")}");
                }
                if (kept)
                {
                    float expectedY = alpha ? x[i] * scale + keptShift : x[i] * scale;
                    Same(expectedY, y[i], counterexample.At(i), $"kept unit: y = x·{scale:R}{(alpha ? $" + {keptShift:R}" : "")}");
                    Same(gradOutput[i] * scale, gradInput[i], counterexample.At(i), $"kept unit: ∂L/∂x = ∂L/∂y·{scale:R}");
                }
                else if (gradInput[i] != 0)
                {
                    throw new LawViolation(KeptOrDropped, counterexample.At(i),
                        $"a dropped unit (y = {y[i]:R}) passes no gradient: ∂L/∂x = 0", $"∂L/∂x = {gradInput[i]:R}");
                }
            }
        }
    }

    /// <summary>
    /// Law "alpha dropout keeps mean 0 and variance 1 of a standard-normal input". With n = G·P elements in G draw groups
    /// of P, K ~ Binomial(G, 1 − p) groups kept and x ~ N(0, 1) i.i.d., the sample moments are
    /// <c>ȳ = (a·S₁ + K·P·b₁ + (G − K)·P·b₀)/n</c> and
    /// <c>m₂ = (a²·S₂ + 2a·b₁·S₁ + K·P·b₁² + (G − K)·P·b₀²)/n</c>, with
    /// <c>S₁ ~ N(0, KP)</c> and <c>S₂ ~ χ²(KP)</c> the sum and the sum of squares of the kept x. A correct layer has
    /// <c>E[y] = (1 − p)b₁ + p·b₀ = 0</c> and <c>E[y²] = 1</c>. The check bounds each source at a third of
    /// <see cref="FalseFailureRate"/>: K in its binomial acceptance region [L, U]; |S₁| ≤ z·√(KP) with z the normal
    /// quantile of δ/6 each side; S₂ within Laurent and Massart's (2000) bounds <c>KP ± (2√(KP·t) + 2t)</c>, t = ln(6/δ).
    /// Over every K in [L, U] this gives an interval for ȳ and for m₂; the sample variance <c>m₂ − ȳ²</c> must lie in
    /// [m₂,low − ȳ²max, m₂,high], and ȳ in its interval, which contain 0 and 1. (x comes from <c>randn</c>, a float32
    /// rendering of N(0, 1); its rounding, 6e-8 relative, is far below these bounds.)
    /// </summary>
    public static void CheckAlphaMoments(DropoutFactory create, int[] shape, int groups, double p, ulong seed, ulong dataSeed)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(shape);
        Tensor x = new TorchGenerator(dataSeed).Randn(shape);
        Tensor y = create(p, new TorchGenerator(seed)).Forward(x);
        int n = x.Length, plane = n / groups;
        double sum = 0, sumOfSquares = 0;
        foreach (float v in y.Data)
        {
            sum += v;
            sumOfSquares += (double)v * v;
        }
        double mean = sum / n, variance = sumOfSquares / n - mean * mean;

        var (scale, keptShift, droppedShift) = Affine(p, alpha: true);
        double a = scale, b1 = keptShift, b0 = droppedShift, delta = FalseFailureRate / 3;
        var (low, high) = Statistics.BinomialAcceptanceRegion(groups, 1 - p, delta);
        double z = NormalUpperQuantile(delta / 2), t = Math.Log(2 / delta);
        double meanLow = double.MaxValue, meanHigh = double.MinValue, m2Low = double.MaxValue, m2High = double.MinValue;
        for (long k = low; k <= high; k++)
        {
            double kept = (double)k * plane, dropped = (double)(groups - k) * plane;
            double s1 = z * Math.Sqrt(kept);
            double s2Low = Math.Max(0, kept - 2 * Math.Sqrt(kept * t)), s2High = kept + 2 * Math.Sqrt(kept * t) + 2 * t;
            double shift = kept * b1 + dropped * b0, square = kept * b1 * b1 + dropped * b0 * b0;
            meanLow = Math.Min(meanLow, (shift - a * s1) / n);
            meanHigh = Math.Max(meanHigh, (shift + a * s1) / n);
            m2Low = Math.Min(m2Low, (a * a * s2Low - 2 * a * Math.Abs(b1) * s1 + square) / n);
            m2High = Math.Max(m2High, (a * a * s2High + 2 * a * Math.Abs(b1) * s1 + square) / n);
        }
        double largestSquaredMean = Math.Max(meanLow * meanLow, meanHigh * meanHigh);
        var counterexample = new Counterexample(shape, p, seed, Detail: $"x = randn from seed {dataSeed}, {groups} draws");
        if (mean < meanLow || mean > meanHigh)
        {
            throw new LawViolation(AlphaMoments, counterexample,
                $"sample mean 0 within [{meanLow:G6}, {meanHigh:G6}] (false-failure rate {FalseFailureRate:G2})", $"sample mean {mean:G6}");
        }
        if (variance < m2Low - largestSquaredMean || variance > m2High)
        {
            throw new LawViolation(AlphaMoments, counterexample,
                $"sample variance 1 within [{m2Low - largestSquaredMean:G6}, {m2High:G6}] (false-failure rate {FalseFailureRate:G2})",
                $"sample variance {variance:G6}");
        }
    }

    /// <summary>z with P(Z &gt; z) = <paramref name="tail"/> for a standard normal Z: bisection on the complementary error function.</summary>
    public static double NormalUpperQuantile(double tail)
    {
        double low = 0, high = 40;
        for (int i = 0; i < 200; i++)
        {
            double mid = (low + high) / 2;
            if (UpperTail(mid) > tail) low = mid; else high = mid;
        }
        return high;
    }

    // P(Z > z) = erfc(z/√2)/2, erfc by its continued fraction (Lentz), accurate to ~1e-15 relative for z ≥ 0.5,
    // and by 1 − erf's series below.
    private static double UpperTail(double z)
    {
        double x = z / Math.Sqrt(2);
        if (x < 2)
        {
            double term = x, sum = x;
            for (int n = 1; n < 200; n++)
            {
                term *= -x * x / n;
                sum += term / (2 * n + 1);
            }
            return (1 - 2 / Math.Sqrt(Math.PI) * sum) / 2;
        }
        // erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + …))))
        double fraction = x;
        for (int n = 200; n >= 1; n--)
        {
            fraction = x + n / 2.0 / fraction;
        }
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / fraction / 2;
    }

    private static bool IsKept(float y, bool alpha, float droppedShift) => alpha ? y != droppedShift : y != 0;

    private static void Same(float expected, float actual, Counterexample counterexample, string what)
    {
        if (!Bits.Same(expected, actual))
        {
            throw new LawViolation(KeptOrDropped, counterexample, $"{what} = {expected:R} (bit-exact)", $"{actual:R}");
        }
    }
}
