using Verification.Core;
using Verification.Core.Random;

namespace Verification.Laws;

/// <summary>Builds a DropConnect layer (of either stack, or a known-wrong one) in training mode, initialised from <c>generator</c>.</summary>
public delegate IModule DropConnectFactory(int inFeatures, int outFeatures, double p, TorchGenerator generator);

/// <summary>
/// The laws of DropConnect (Wan et al., ICML 2013) as check functions over a <see cref="DropConnectFactory"/>; each throws
/// a <see cref="LawViolation"/> naming the law, the case, what was expected and what was found. The layer must expose its
/// parameters as <c>weight</c> (out, in) and <c>bias</c>. Sums the laws recompute run in double; where the layer's float32
/// sums are compared with them, the bound is the recursive-summation bound <c>(K + 2)·2⁻²³·Σ|terms|</c> of a K-term dot
/// product, which any order of summation and any use of fused multiply-adds stays within, and a wrong mask, a missing
/// factor or a dropped term exceeds by orders of magnitude.
/// </summary>
public static class DropConnectLaws
{
    /// <summary>The law <see cref="CheckMaskedWeights"/> checks.</summary>
    public const string MaskedWeights =
        "training uses y = x·(W ⊙ m/(1 − p))ᵀ + b, m = bernoulli_(1 − p) over W's shape, drawn right after the initialisation";

    /// <summary>The law <see cref="CheckGradientThroughMask"/> checks.</summary>
    public const string GradientThroughMask =
        "∂W is 0 where the mask dropped and (gᵀ·x)/(1 − p) where it kept, ∂x = g·W̃, with the forward's own mask";

    /// <summary>The law <see cref="CheckExpectationIsDense"/> checks.</summary>
    public const string ExpectationIsDense = "the mean of y over fresh masks is the dense output x·Wᵀ + b";

    /// <summary>The law <see cref="CheckMatchesLinear"/> checks in eval mode.</summary>
    public const string EvalIsLinear = "eval mode is nn.Linear with the same weights, bit for bit, and draws nothing";

    /// <summary>The law <see cref="CheckMatchesLinear"/> checks at p = 0.</summary>
    public const string ZeroIsLinear = "p = 0 is nn.Linear with the same weights, bit for bit, and draws nothing";

    /// <summary>The false-failure rate the statistical check allows a correct layer, per case.</summary>
    public const double FalseFailureRate = 1e-6;

    /// <summary>Unit roundoff of float32, doubled: a bound per term of a float32 dot product, u = 2⁻²⁴.</summary>
    private const double TwoUnits = 2.0 / (1 << 24);

    /// <summary>
    /// Law "the weights are masked by bernoulli_(1 − p) over W's shape", for 0 &lt; p &lt; 1. The check replays the mask from the
    /// generator's state right after the layer was built: <c>m = bernoulli_(1 − p)</c> (one double uniform per weight,
    /// row-major), <c>noise = m / (float)(1 − p)</c>, <c>W̃ = W ⊙ noise</c> in float32; y must agree with <c>x·W̃ᵀ + b</c>
    /// within the dot-product bound. A layer that masks activations instead of weights, or forgets the 1/(1 − p), fails it.
    /// </summary>
    public static void CheckMaskedWeights(DropConnectFactory create, Tensor x, int outFeatures, double p, ulong seed)
    {
        var run = Run.Start(create, x, outFeatures, p, seed);
        float[] y = run.Layer.Forward(x).Data.ToArray();
        for (int n = 0; n < run.Rows; n++)
        {
            for (int o = 0; o < outFeatures; o++)
            {
                double sum = run.Bias is null ? 0 : run.Bias.Value.Data[o], magnitude = Math.Abs(sum);
                for (int k = 0; k < run.In; k++)
                {
                    double term = (double)x.Data[n * run.In + k] * run.Effective[o * run.In + k];
                    sum += term;
                    magnitude += Math.Abs(term);
                }
                Close(sum, y[n * outFeatures + o], run.In + 1, magnitude, MaskedWeights, run.Case.At(n * outFeatures + o), "y");
            }
        }
    }

    /// <summary>
    /// Law "the gradient flows through the forward's own mask", for 0 &lt; p &lt; 1, whatever the forward computed: with the
    /// mask replayed as in <see cref="CheckMaskedWeights"/>, ∂W must be exactly 0 where m = 0 and agree with
    /// <c>(gᵀ·x)·noise</c> where m = 1; then ∂x must agree with <c>g·W̃</c> and ∂b with <c>Σₙ g</c> (the bias is not masked),
    /// each within the dot-product bound. A layer that draws a fresh mask in backward, or drops activations (whose ∂W is
    /// non-zero wherever any sample kept the input), fails it.
    /// </summary>
    public static void CheckGradientThroughMask(DropConnectFactory create, Tensor x, Tensor gradOutput, int outFeatures, double p, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(gradOutput);
        var run = Run.Start(create, x, outFeatures, p, seed);
        int rows = run.Rows, inFeatures = run.In;
        float[] xd = x.Data, g = gradOutput.Data;
        run.Layer.Forward(x);
        float[] gradInput = run.Layer.Backward(gradOutput).Data.ToArray();
        float[] gradWeight = run.Weight.Grad.Data;
        for (int i = 0; i < gradWeight.Length; i++)
        {
            int o = i / inFeatures, k = i % inFeatures;
            if (run.Noise[i] == 0)
            {
                if (gradWeight[i] != 0)
                {
                    throw new LawViolation(GradientThroughMask, run.Case.At(i).With($"weight ({o}, {k}) dropped by the mask"),
                        "∂W = 0 exactly", $"∂W = {gradWeight[i]:R}");
                }
                continue;
            }
            double sum = 0, magnitude = 0;
            for (int n = 0; n < rows; n++)
            {
                double term = (double)g[n * outFeatures + o] * xd[n * inFeatures + k];
                sum += term;
                magnitude += Math.Abs(term);
            }
            Close(sum * run.Noise[i], gradWeight[i], rows + 1, magnitude * run.Noise[i], GradientThroughMask,
                run.Case.At(i).With($"weight ({o}, {k}) kept"), $"∂W = (gᵀ·x)·{run.Noise[i]:R}");
        }
        for (int n = 0; n < rows; n++)
        {
            for (int k = 0; k < inFeatures; k++)
            {
                double sum = 0, magnitude = 0;
                for (int o = 0; o < outFeatures; o++)
                {
                    double term = (double)g[n * outFeatures + o] * run.Effective[o * inFeatures + k];
                    sum += term;
                    magnitude += Math.Abs(term);
                }
                Close(sum, gradInput[n * inFeatures + k], outFeatures, magnitude, GradientThroughMask, run.Case.At(n * inFeatures + k),
                    "∂x = g·W̃");
            }
        }
        if (run.Bias is not null)
        {
            for (int o = 0; o < outFeatures; o++)
            {
                double sum = 0, magnitude = 0;
                for (int n = 0; n < rows; n++)
                {
                    sum += g[n * outFeatures + o];
                    magnitude += Math.Abs(g[n * outFeatures + o]);
                }
                Close(sum, run.Bias.Grad.Data[o], rows, magnitude, GradientThroughMask, run.Case.At(o), "∂b = Σₙ g (the bias is not masked)");
            }
        }
    }

    /// <summary>
    /// Law "the mean over fresh masks is the dense output": over T = <paramref name="passes"/> training passes of a fixed x,
    /// for each output, <c>S = Σₜ (yₜ − b) = Σₜ Σₖ cₖ·mₜₖ/(1 − p)</c> with <c>cₖ = x[k]·W[o, k]</c> is a sum of T·K independent
    /// terms, each in an interval of width <c>|cₖ|/(1 − p)</c>, with mean <c>T·Σₖ cₖ</c>. Hoeffding's inequality (1963) bounds
    /// <c>P(|S − T·Σc| ≥ ε) ≤ 2·exp(−2ε²/(T·Σₖ cₖ²/(1 − p)²))</c>; with ε at <see cref="FalseFailureRate"/> divided over
    /// the outputs (Bonferroni), a correct layer fails with probability at most 1e-6 per case. The float32 roundings of the
    /// T forward passes add at most <c>T·(K + 2)·2⁻²³·Σ|cₖ|/(1 − p)</c>. A layer without the 1/(1 − p) misses by
    /// <c>T·p·|Σc|</c>, which grows as T while the bound grows as √T.
    /// </summary>
    public static void CheckExpectationIsDense(DropConnectFactory create, Tensor x, int outFeatures, double p, ulong seed, int passes)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(x);
        int inFeatures = x.Size(-1), rows = x.Length / inFeatures;
        IModule layer = create(inFeatures, outFeatures, p, new TorchGenerator(seed));
        var (w, b) = WeightAndBias(layer);
        float[] wd = w.Value.Data.ToArray(), xd = x.Data;
        var sums = new double[rows * outFeatures];
        for (int t = 0; t < passes; t++)
        {
            float[] y = layer.Forward(x).Data;
            for (int i = 0; i < sums.Length; i++) sums[i] += y[i];
        }
        double scale = 1 / (1 - p), tail = Math.Log(2 * sums.Length / FalseFailureRate);
        var counterexample = new Counterexample(x.Shape, p, seed, Detail: $"out {outFeatures}, {passes} passes");
        for (int n = 0; n < rows; n++)
        {
            for (int o = 0; o < outFeatures; o++)
            {
                double dense = 0, squares = 0, magnitude = 0;
                for (int k = 0; k < inFeatures; k++)
                {
                    double c = (double)xd[n * inFeatures + k] * wd[o * inFeatures + k];
                    dense += c;
                    squares += c * c;
                    magnitude += Math.Abs(c);
                }
                double bias = b is null ? 0 : b.Value.Data[o];
                double epsilon = scale * Math.Sqrt(passes * squares * tail / 2);
                double rounding = passes * (inFeatures + 2) * TwoUnits * (magnitude * scale + Math.Abs(bias));
                double deviation = sums[n * outFeatures + o] - passes * (dense + bias);
                if (Math.Abs(deviation) > epsilon + rounding)
                {
                    throw new LawViolation(ExpectationIsDense, counterexample.At(n * outFeatures + o),
                        $"mean {dense + bias:G6} within ±{(epsilon + rounding) / passes:G4} (Hoeffding, false-failure rate {FalseFailureRate:G2})",
                        $"mean {sums[n * outFeatures + o] / passes:G6}");
                }
            }
        }
    }

    /// <summary>
    /// Laws "eval mode is nn.Linear" and "p = 0 is nn.Linear": a DropConnect layer and <paramref name="linear"/> built from the
    /// same seed have the same weights, and give the same y, ∂x, ∂W and ∂b bit for bit, twice in a row, without moving the
    /// generator. <paramref name="p"/> is used in eval mode; the training-mode half runs at p = 0.
    /// </summary>
    public static void CheckMatchesLinear(DropConnectFactory create, LinearFactory linear, Tensor x, Tensor gradOutput, int outFeatures,
        double p, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(linear);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(gradOutput);
        int inFeatures = x.Size(-1);
        foreach (bool eval in new[] { true, false })
        {
            string law = eval ? EvalIsLinear : ZeroIsLinear;
            var generator = new TorchGenerator(seed);
            IModule layer = create(inFeatures, outFeatures, eval ? p : 0, generator);
            if (eval) layer.SetTraining(false);
            TorchGeneratorState before = generator.SaveState();
            IModule dense = linear(inFeatures, outFeatures, new TorchGenerator(seed));
            var counterexample = new Counterexample(x.Shape, eval ? p : 0, seed, Detail: eval ? "eval mode" : "training mode");
            for (int pass = 0; pass < 2; pass++)
            {
                var what = counterexample.With($"pass {pass}");
                Bits.Equal(dense.Forward(x).Data, layer.Forward(x).Data, law, what, "y");
                Bits.Equal(dense.Backward(gradOutput).Data, layer.Backward(gradOutput).Data, law, what, "∂x");
                foreach (var (expected, actual) in dense.NamedParameters().Zip(layer.NamedParameters()))
                {
                    Bits.Equal(expected.Parameter.Value.Data, actual.Parameter.Value.Data, law, what, expected.Name);
                    Bits.Equal(expected.Parameter.Grad.Data, actual.Parameter.Grad.Data, law, what, "∂" + expected.Name);
                }
            }
            DropoutLaws.RequireSameState(before, generator.SaveState(), law, counterexample);
        }
    }

    /// <summary>The layer's <c>weight</c> and (optional) <c>bias</c> parameters.</summary>
    public static (Parameter Weight, Parameter? Bias) WeightAndBias(IModule layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        var named = layer.NamedParameters().ToDictionary(p => p.Name, p => p.Parameter);
        return (named["weight"], named.GetValueOrDefault("bias"));
    }

    /// <summary>
    /// A layer built from <c>seed</c> and the mask it must draw next, replayed from the generator's state after the
    /// initialisation: <c>noise = bernoulli_(1 − p)/(float)(1 − p)</c> and <c>W̃ = W ⊙ noise</c>; gradients zeroed.
    /// </summary>
    private sealed record Run(IModule Layer, Parameter Weight, Parameter? Bias, float[] Noise, float[] Effective, int Rows, int In,
        Counterexample Case)
    {
        public static Run Start(DropConnectFactory create, Tensor x, int outFeatures, double p, ulong seed)
        {
            ArgumentNullException.ThrowIfNull(create);
            ArgumentNullException.ThrowIfNull(x);
            int inFeatures = x.Size(-1);
            var generator = new TorchGenerator(seed);
            IModule layer = create(inFeatures, outFeatures, p, generator);
            var replay = new TorchGenerator(seed);
            replay.RestoreState(generator.SaveState());
            var (w, b) = WeightAndBias(layer);
            var noise = new float[w.Value.Length];
            replay.Bernoulli(noise, 1 - p);
            float keep = (float)(1 - p);
            var effective = new float[noise.Length];
            for (int i = 0; i < noise.Length; i++)
            {
                noise[i] /= keep;
                effective[i] = w.Value.Data[i] * noise[i];
            }
            foreach (var parameter in layer.NamedParameters()) parameter.Parameter.ZeroGrad();
            return new Run(layer, w, b, noise, effective, x.Length / inFeatures, inFeatures,
                new Counterexample(x.Shape, p, seed, Detail: $"out {outFeatures}"));
        }
    }

    private static void Close(double expected, float actual, int terms, double magnitude, string law, Counterexample counterexample, string what)
    {
        double bound = (terms + 2) * TwoUnits * magnitude + 1e-37;
        if (!(Math.Abs(actual - expected) <= bound))
        {
            throw new LawViolation(law, counterexample, $"{what} = {expected:G9} (within {bound:G3})", $"{actual:R}");
        }
    }
}
