using Verification.Core;
using Verification.Core.Random;

namespace Verification.Laws;

/// <summary>Builds a dropout layer (of either stack, a learner's, or a known-wrong one) in training mode.</summary>
public delegate IModule DropoutFactory(double p, TorchGenerator generator);

/// <summary>
/// The dropout laws as check functions: each runs a layer made by a <see cref="DropoutFactory"/> and throws a
/// <see cref="LawViolation"/> naming the law, the case, what was expected and what was found. The property suite runs
/// them on both stacks; the Broken tests run them on known-wrong layers and expect the violation, so every law is shown
/// to have teeth; nothing here depends on a test framework.
/// </summary>
public static class DropoutLaws
{
    /// <summary>The law <see cref="CheckMoments"/> checks.</summary>
    public const string KeepsTheMean = "inverted dropout keeps the mean and has variance x²·p/(1 − p)";

    /// <summary>The law <see cref="CheckMaskAndGradient"/> checks.</summary>
    public const string MaskAndGradient = "a dropped unit is 0 and passes no gradient; a kept one is scaled by 1/(1 − p) both ways";

    /// <summary>The law <see cref="CheckMaskAndGradient"/> checks when given a channel size.</summary>
    public const string WholeChannels = "channel dropout drops whole channels";

    /// <summary>The law <see cref="CheckEvalIsIdentity"/> checks.</summary>
    public const string EvalIsIdentity = "eval mode is the identity and draws nothing";

    /// <summary>The law <see cref="CheckSameSeedSameMask"/> checks.</summary>
    public const string SameSeedSameMask = "the same seed gives the same mask";

    /// <summary>The law <see cref="CheckZeroProbabilityIsIdentity"/> checks.</summary>
    public const string ZeroIsIdentity = "p = 0 is the identity and draws nothing";

    /// <summary>The law <see cref="CheckOneProbabilityGivesZeros"/> checks.</summary>
    public const string OneGivesZeros = "p = 1 gives x·0 and draws nothing";

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
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(x);
        if (channelSize <= 0 || n % channelSize != 0)
        {
            throw new ArgumentException($"channelSize must divide the element count {n}, but got {channelSize}.", nameof(channelSize));
        }
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

        var counterexample = new Counterexample(x.Shape, p, seed, Detail: $"{passes} passes");

        // Keep rate: q must lie in the Clopper–Pearson interval of the kept count.
        if (kept % channelSize != 0)
        {
            throw new LawViolation(WholeChannels, counterexample,
                $"a whole number of channels of {channelSize} kept", $"{kept} kept elements");
        }
        long keptDraws = kept / channelSize, totalDraws = (long)draws * passes;
        var (cpLow, cpHigh) = Statistics.ClopperPearson(keptDraws, totalDraws, alpha / 3);
        if (q < cpLow || q > cpHigh)
        {
            throw new LawViolation(KeepsTheMean, counterexample,
                $"a keep rate whose Clopper–Pearson interval at level {alpha / 3:G3} contains 1 − p = {q:G6}",
                $"keep rate {(double)keptDraws / totalDraws:G6} ({keptDraws} of {totalDraws}), interval [{cpLow:G6}, {cpHigh:G6}]");
        }

        // Pooled mean of y/x against the acceptance region of the pooled kept count.
        double pooledRatio = 0;
        for (int i = 0; i < n; i++) pooledRatio += sum[i] / x[i];
        pooledRatio /= (double)n * passes;
        var (poolLow, poolHigh) = Statistics.BinomialAcceptanceRegion(totalDraws, q, alpha / 3);
        double pooledLow = poolLow / (q * totalDraws) - RoundingSlack, pooledHigh = poolHigh / (q * totalDraws) + RoundingSlack;
        if (pooledRatio < pooledLow || pooledRatio > pooledHigh)
        {
            throw new LawViolation(KeepsTheMean, counterexample,
                $"pooled mean of y/x 1 within the binomial bound [{pooledLow:G6}, {pooledHigh:G6}] (false-failure rate {alpha / 3:G3})",
                $"pooled mean of y/x {pooledRatio:G6}");
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
                throw new LawViolation(KeepsTheMean, counterexample.At(i),
                    $"mean of y = x = {xi:G6} within ±{meanBound:G4}·|x| (binomial acceptance region [{low}, {high}] of {passes} " +
                    $"at level {alpha / (3.0 * n):G3})", $"mean of y {mean:G6}");
            }
            if (Math.Abs(variance - xi * xi * expectedVariance) > varianceBound * xi * xi)
            {
                throw new LawViolation(KeepsTheMean, counterexample.At(i),
                    $"variance of y = x²·p/(1 − p) = {xi * xi * expectedVariance:G6} within ±{varianceBound:G4}·x² (binomial " +
                    $"acceptance region [{low}, {high}] of {passes})", $"variance of y {variance:G6}");
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
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gradOutput);
        IModule layer = create(p, new TorchGenerator(seed));
        Tensor y = layer.Forward(x).Clone();
        Tensor gradInput = layer.Backward(gradOutput);
        float scale = 1f / (float)(1 - p);
        var counterexample = new Counterexample(x.Shape, p, seed);
        if (!gradInput.SameShape(x) || !y.SameShape(x))
        {
            throw new LawViolation(MaskAndGradient, counterexample, $"y and ∂L/∂x of shape {x.ShapeText}",
                $"y {y.ShapeText}, ∂L/∂x {gradInput.ShapeText}");
        }
        for (int start = 0; start < x.Length; start += channelSize)
        {
            bool channelKept = y[start] != 0;
            for (int i = start; i < start + channelSize; i++)
            {
                bool kept = y[i] != 0;
                if (kept != channelKept)
                {
                    throw new LawViolation(WholeChannels, counterexample.At(i),
                        $"the channel at elements [{start}, {start + channelSize}) all kept or all dropped",
                        $"it partly dropped (element {start} {(channelKept ? "kept" : "dropped")}, element {i} {(kept ? "kept" : "dropped")})");
                }
                if (kept)
                {
                    Same(x[i] * scale, y[i], counterexample.At(i), $"kept element: y = x·{scale:R}");
                    Same(gradOutput[i] * scale, gradInput[i], counterexample.At(i), $"kept element: ∂L/∂x = ∂L/∂y·{scale:R}");
                }
                else if (gradInput[i] != 0)
                {
                    throw new LawViolation(MaskAndGradient, counterexample.At(i),
                        "dropped element (y = 0): ∂L/∂x = 0", $"∂L/∂x = {gradInput[i]:R}");
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
        var counterexample = new Counterexample(x.Shape, p, seed, Detail: "eval mode");
        for (int pass = 0; pass < 2; pass++)
        {
            Tensor y = layer.Forward(x);
            Bits.Equal(x.Data, y.Data, EvalIsIdentity, counterexample.With($"pass {pass}"), "y must equal x");
            Tensor gradInput = layer.Backward(gradOutput);
            Bits.Equal(gradOutput.Data, gradInput.Data, EvalIsIdentity, counterexample.With($"pass {pass}"), "∂L/∂x must equal ∂L/∂y");
        }
        RequireSameState(before, generator.SaveState(), EvalIsIdentity, counterexample);
    }

    /// <summary>Two layers on generators with the same seed draw the same masks, so their outputs agree bit for bit.</summary>
    public static void CheckSameSeedSameMask(DropoutFactory create, Tensor x, double p, ulong seed)
    {
        IModule first = create(p, new TorchGenerator(seed)), second = create(p, new TorchGenerator(seed));
        for (int pass = 0; pass < 3; pass++)
        {
            Bits.Equal(first.Forward(x).Data, second.Forward(x).Data, SameSeedSameMask,
                new Counterexample(x.Shape, p, seed, Detail: $"pass {pass}"), "the first layer's y");
        }
    }

    /// <summary>p = 0 is the identity in training mode and draws nothing.</summary>
    public static void CheckZeroProbabilityIsIdentity(DropoutFactory create, Tensor x, Tensor gradOutput, ulong seed)
    {
        var generator = new TorchGenerator(seed);
        IModule layer = create(0, generator);
        TorchGeneratorState before = generator.SaveState();
        var counterexample = new Counterexample(x.Shape, 0, seed);
        Bits.Equal(x.Data, layer.Forward(x).Data, ZeroIsIdentity, counterexample, "y must equal x");
        Bits.Equal(gradOutput.Data, layer.Backward(gradOutput).Data, ZeroIsIdentity, counterexample, "∂L/∂x must equal ∂L/∂y");
        RequireSameState(before, generator.SaveState(), ZeroIsIdentity, counterexample);
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
        var counterexample = new Counterexample(x.Shape, 1, seed);
        Bits.Equal(expectedY, layer.Forward(x).Data, OneGivesZeros, counterexample, "y must be x·0");
        Bits.Equal(expectedGrad, layer.Backward(gradOutput).Data, OneGivesZeros, counterexample, "∂L/∂x must be ∂L/∂y·0");
        RequireSameState(before, generator.SaveState(), OneGivesZeros, counterexample);
    }

    /// <summary>Throws a violation of <paramref name="law"/> unless two generator states are identical: the same 624 words,
    /// position and cached normal.</summary>
    public static void RequireSameState(TorchGeneratorState before, TorchGeneratorState after, string law, Counterexample counterexample)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Engine.Position != after.Engine.Position
            || !before.Engine.Words.AsSpan().SequenceEqual(after.Engine.Words)
            || before.NextDoubleNormal != after.NextDoubleNormal
            || before.InitialSeed != after.InitialSeed)
        {
            throw new LawViolation(law, counterexample, $"no draws (generator at position {before.Engine.Position})",
                $"the generator moved to position {after.Engine.Position}");
        }
    }

    private static void Same(float expected, float actual, Counterexample counterexample, string what)
    {
        if (BitConverter.SingleToInt32Bits(expected) != BitConverter.SingleToInt32Bits(actual))
        {
            throw new LawViolation(MaskAndGradient, counterexample, $"{what} = {expected:R} (bit-exact)", $"{actual:R}");
        }
    }
}
