using Verification.Core;
using Verification.Core.Random;
using Verification.Properties.Support;
using Xunit.Sdk;

namespace Verification.Properties.DropoutLaws;

/// <summary>Builds a dropout layer (the Reference one or a known-wrong one) in training mode.</summary>
public delegate IModule DropoutFactory(double p, TorchGenerator generator);

/// <summary>
/// The dropout laws as check functions: each runs a layer made by a <see cref="DropoutFactory"/> and throws an
/// <see cref="XunitException"/> naming what failed. The properties run them on the Reference layers; the Broken tests
/// run them on known-wrong layers and expect the exception, so every law is shown to have teeth.
/// </summary>
public static class DropoutLaws
{
    /// <summary>Passes of a fixed x in the statistical checks.</summary>
    public const int Passes = 2000;

    /// <summary>The false-failure rate each statistical check allows a correct layer, per case.</summary>
    public const double FalseFailureRate = 1e-6;

    /// <summary>Slack for float32 rounding of x·scale (6e-8 relative) and double accumulation, far below any bug.</summary>
    private const double RoundingSlack = 1e-6;

    /// <summary>
    /// Inverted dropout keeps the mean and has variance x²·p/(1 − p). Over <paramref name="passes"/> training passes of a
    /// fixed x (no zeros), with <c>q = 1 − p</c>:
    /// <list type="bullet">
    /// <item>Keep rate: the number of kept draws K (non-zero outputs, divided by <paramref name="channelSize"/> for
    /// channel dropout) is Binomial(draws·T, q); its Clopper–Pearson interval at level α/3 must contain q.</item>
    /// <item>Mean, pooled: <c>(1/nT)·Σ y/x</c> equals <c>K/(draws·T)/(1 − p)</c> for a correct layer, so it must lie in
    /// the binomial acceptance region of K at level α/3, scaled by 1/(1 − p), which brackets 1.</item>
    /// <item>Mean and variance per element: the element's kept count Kᵢ ~ Binomial(T, q) lies in its acceptance region
    /// [L, U] at level α/(3n) (Bonferroni over the n elements); then <c>mean(y)/x = (Kᵢ/T)/(1 − p)</c> is within
    /// <c>max(|L/(qT) − 1|, |U/(qT) − 1|)</c> of 1, and <c>var(y)/x² = (Kᵢ/T)(1 − Kᵢ/T)/(1 − p)²</c> is within the largest
    /// distance of <c>r(1 − r)/q²</c> from <c>p/(1 − p)</c> over r in [L/T, U/T].</item>
    /// </list>
    /// By the union bound a correct layer fails with probability at most α = <see cref="FalseFailureRate"/> per case.
    /// Exact binomial tails (not a normal approximation) are used because the promise is about 1e-6 tails and p runs to
    /// 0.05 and 0.9, where the normal approximation is worst. The bounds are derived for a correct layer but tested
    /// on whatever the layer outputs, so a layer without the rescale is off by a factor q in the mean (5% at p = 0.05,
    /// against a per-element bound near 3% and a pooled bound near 0.1% at T = 2000), and one that keeps with
    /// probability p instead of 1 − p misses the keep rate by |1 − 2p|.
    /// </summary>
    public static void CheckMoments(DropoutFactory create, Tensor x, double p, ulong seed, int channelSize = 1, int passes = Passes)
    {
        int n = x.Length;
        if (n % channelSize != 0) throw new ArgumentException("channelSize must divide the element count.", nameof(channelSize));
        int draws = n / channelSize;
        double q = 1 - p;
        double alpha = FalseFailureRate;
        IModule layer = create(p, new TorchGenerator(seed));

        var sum = new double[n];
        var sumOfSquares = new double[n];
        long kept = 0;
        for (int t = 0; t < passes; t++)
        {
            Tensor y = layer.Forward(x);
            for (int i = 0; i < n; i++)
            {
                double v = y[i];
                sum[i] += v;
                sumOfSquares[i] += v * v;
                if (v != 0) kept++;
            }
        }

        string what = $"p = {p}, {passes} passes of x{x.ShapeText}";

        // Keep rate: q must lie in the Clopper–Pearson interval of the kept count.
        if (kept % channelSize != 0)
        {
            throw new XunitException($"{what}: {kept} kept elements is not a whole number of channels of {channelSize}.");
        }
        long keptDraws = kept / channelSize, totalDraws = (long)draws * passes;
        var (cpLow, cpHigh) = Statistics.ClopperPearson(keptDraws, totalDraws, alpha / 3);
        if (q < cpLow || q > cpHigh)
        {
            throw new XunitException(
                $"{what}: keep rate {(double)keptDraws / totalDraws:G6} ({keptDraws} of {totalDraws}); the Clopper–Pearson interval " +
                $"[{cpLow:G6}, {cpHigh:G6}] at level {alpha / 3:G3} excludes the keep probability 1 − p = {q:G6}.");
        }

        // Pooled mean of y/x against the acceptance region of the pooled kept count.
        double pooledRatio = 0;
        for (int i = 0; i < n; i++) pooledRatio += sum[i] / x[i];
        pooledRatio /= (double)n * passes;
        var (poolLow, poolHigh) = Statistics.BinomialAcceptanceRegion(totalDraws, q, alpha / 3);
        double pooledLow = poolLow / (q * totalDraws) - RoundingSlack, pooledHigh = poolHigh / (q * totalDraws) + RoundingSlack;
        if (pooledRatio < pooledLow || pooledRatio > pooledHigh)
        {
            throw new XunitException(
                $"{what}: pooled mean of y/x is {pooledRatio:G6}; inverted dropout keeps the mean, so it must be 1 within " +
                $"the binomial bound [{pooledLow:G6}, {pooledHigh:G6}] (false-failure rate {alpha / 3:G3}).");
        }

        // Per element: mean within the acceptance region of Kᵢ ~ Binomial(T, q), variance likewise.
        var (low, high) = Statistics.BinomialAcceptanceRegion(passes, q, alpha / (3.0 * n));
        double rLow = (double)low / passes, rHigh = (double)high / passes;
        double meanBound = Math.Max(Math.Abs(rLow / q - 1), Math.Abs(rHigh / q - 1)) + RoundingSlack;
        double expectedVariance = p / q;
        double varianceBound = Math.Max(
            Math.Abs(rLow * (1 - rLow) / (q * q) - expectedVariance),
            Math.Abs(rHigh * (1 - rHigh) / (q * q) - expectedVariance));
        if (rLow <= 0.5 && 0.5 <= rHigh)
        {
            varianceBound = Math.Max(varianceBound, Math.Abs(0.25 / (q * q) - expectedVariance));
        }
        varianceBound += RoundingSlack / (q * q);
        for (int i = 0; i < n; i++)
        {
            double xi = x[i];
            double mean = sum[i] / passes;
            double variance = sumOfSquares[i] / passes - mean * mean;
            if (Math.Abs(mean - xi) > meanBound * Math.Abs(xi))
            {
                throw new XunitException(
                    $"{what}: element {i}: mean of y is {mean:G6} but x is {xi:G6}; inverted dropout keeps the mean " +
                    $"within ±{meanBound:G4}·|x| here (binomial acceptance region [{low}, {high}] of {passes} at level {alpha / (3.0 * n):G3}).");
            }
            if (Math.Abs(variance - xi * xi * expectedVariance) > varianceBound * xi * xi)
            {
                throw new XunitException(
                    $"{what}: element {i}: variance of y is {variance:G6} but x²·p/(1 − p) is {xi * xi * expectedVariance:G6} " +
                    $"(allowed ±{varianceBound:G4}·x² from the binomial acceptance region [{low}, {high}] of {passes}).");
            }
        }
    }

    /// <summary>
    /// In training mode every element is either dropped or kept and scaled: a dropped one has y = 0 and a gradient of
    /// exactly 0; a kept one has y = x·s and ∂L/∂x = ∂L/∂y·s bit for bit, with s = 1f/(float)(1 − p), the scale PyTorch uses.
    /// <paramref name="channelSize"/> &gt; 1 also asks that each run of that many elements (a channel) be all kept or all dropped.
    /// </summary>
    public static void CheckMaskAndGradient(DropoutFactory create, Tensor x, Tensor gradOutput, double p, ulong seed, int channelSize = 1)
    {
        IModule layer = create(p, new TorchGenerator(seed));
        Tensor y = layer.Forward(x).Clone();
        Tensor gradInput = layer.Backward(gradOutput);
        float scale = 1f / (float)(1 - p);
        string what = $"p = {p}, x{x.ShapeText}, seed {seed}";
        if (!gradInput.SameShape(x) || !y.SameShape(x))
        {
            throw new XunitException($"{what}: y {y.ShapeText} and ∂L/∂x {gradInput.ShapeText} must have the shape of x.");
        }
        for (int start = 0; start < x.Length; start += channelSize)
        {
            bool channelKept = y[start] != 0;
            for (int i = start; i < start + channelSize; i++)
            {
                bool kept = y[i] != 0;
                if (kept != channelKept)
                {
                    throw new XunitException(
                        $"{what}: channel at elements [{start}, {start + channelSize}) is partly dropped (element {start} " +
                        $"{(channelKept ? "kept" : "dropped")}, element {i} {(kept ? "kept" : "dropped")}); channel dropout drops whole channels.");
                }
                if (kept)
                {
                    Same(x[i] * scale, y[i], $"{what}: kept element {i}: y = x·{scale:R}");
                    Same(gradOutput[i] * scale, gradInput[i], $"{what}: kept element {i}: ∂L/∂x = ∂L/∂y·{scale:R}");
                }
                else if (gradInput[i] != 0)
                {
                    throw new XunitException(
                        $"{what}: dropped element {i} (y = 0) has gradient {gradInput[i]:R}; a dropped unit passes no gradient.");
                }
            }
        }
    }

    /// <summary>
    /// Eval mode is the identity, bit for bit, in forward and backward, twice in a row, and draws nothing: the
    /// generator's state (words, position, cached normal) is the same after as before.
    /// </summary>
    public static void CheckEvalIsIdentity(DropoutFactory create, Tensor x, Tensor gradOutput, double p, ulong seed)
    {
        var generator = new TorchGenerator(seed);
        generator.NextDouble(); // a state mid-stream, not only a fresh one
        IModule layer = create(p, generator).Eval();
        TorchGeneratorState before = generator.SaveState();
        string what = $"eval mode, p = {p}, x{x.ShapeText}";
        for (int pass = 0; pass < 2; pass++)
        {
            Tensor y = layer.Forward(x);
            Compare.Exact(x.Data, y.Data, $"{what}: pass {pass}: y must equal x");
            Tensor gradInput = layer.Backward(gradOutput);
            Compare.Exact(gradOutput.Data, gradInput.Data, $"{what}: pass {pass}: ∂L/∂x must equal ∂L/∂y");
        }
        RequireSameState(before, generator.SaveState(), what);
    }

    /// <summary>Two layers on generators with the same seed draw the same masks, so their outputs agree bit for bit.</summary>
    public static void CheckSameSeedSameMask(DropoutFactory create, Tensor x, double p, ulong seed)
    {
        IModule first = create(p, new TorchGenerator(seed)), second = create(p, new TorchGenerator(seed));
        for (int pass = 0; pass < 3; pass++)
        {
            Compare.Exact(first.Forward(x).Data, second.Forward(x).Data, $"p = {p}, seed {seed}, pass {pass}: same seed, same output");
        }
    }

    /// <summary>p = 0 is the identity in training mode and draws nothing.</summary>
    public static void CheckZeroProbabilityIsIdentity(DropoutFactory create, Tensor x, Tensor gradOutput, ulong seed)
    {
        var generator = new TorchGenerator(seed);
        IModule layer = create(0, generator);
        TorchGeneratorState before = generator.SaveState();
        Compare.Exact(x.Data, layer.Forward(x).Data, "p = 0: y must equal x");
        Compare.Exact(gradOutput.Data, layer.Backward(gradOutput).Data, "p = 0: ∂L/∂x must equal ∂L/∂y");
        RequireSameState(before, generator.SaveState(), "p = 0");
    }

    /// <summary>
    /// p = 1 returns x·0 (zeros with x's signs; NaN where x is ±∞ or NaN, as PyTorch) and ∂L/∂y·0, and draws nothing.
    /// </summary>
    public static void CheckOneProbabilityGivesZeros(DropoutFactory create, Tensor x, Tensor gradOutput, ulong seed)
    {
        var generator = new TorchGenerator(seed);
        IModule layer = create(1, generator);
        TorchGeneratorState before = generator.SaveState();
        var expectedY = new float[x.Length];
        var expectedGrad = new float[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            expectedY[i] = x[i] * 0f;
            expectedGrad[i] = gradOutput[i] * 0f;
        }
        Compare.Exact(expectedY, layer.Forward(x).Data, "p = 1: y must be x·0");
        Compare.Exact(expectedGrad, layer.Backward(gradOutput).Data, "p = 1: ∂L/∂x must be ∂L/∂y·0");
        RequireSameState(before, generator.SaveState(), "p = 1");
    }

    /// <summary>Throws unless two generator states are identical: the same 624 words, position and cached normal.</summary>
    public static void RequireSameState(TorchGeneratorState before, TorchGeneratorState after, string what)
    {
        if (before.Engine.Position != after.Engine.Position
            || !before.Engine.Words.AsSpan().SequenceEqual(after.Engine.Words)
            || before.NextDoubleNormal != after.NextDoubleNormal
            || before.InitialSeed != after.InitialSeed)
        {
            throw new XunitException(
                $"{what}: the generator moved (position {before.Engine.Position} → {after.Engine.Position}); this must draw nothing.");
        }
    }

    private static void Same(float expected, float actual, string what)
    {
        if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual))
        {
            throw new XunitException($"{what}: expected {expected:R} but got {actual:R} (bit-exact).");
        }
    }
}
