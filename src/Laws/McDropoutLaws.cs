using Verification.Core;
using Verification.Core.Random;
using Verification.Core.Training;

namespace Verification.Laws;

/// <summary>An MC dropout predictor: <see cref="McDropout.Predict"/>, or a known-wrong one from Broken/.</summary>
public delegate McDropoutPrediction McPredictor(IModule model, Tensor input, int passes);

/// <summary>
/// The laws of MC dropout inference as check functions over a predictor and a stack, each throwing a
/// <see cref="LawViolation"/> that names the law. The models are small and built from a seed, so a second copy with the
/// same seed has the same weights and the same generator state, and so draws the same masks.
/// </summary>
public static class McDropoutLaws
{
    /// <summary>The law <see cref="CheckSameMasksComputedDirectly"/> checks.</summary>
    public const string SameMasks = "the MC mean and standard deviation are those of T passes with the same masks";

    /// <summary>The law <see cref="CheckZeroProbabilityHasNoSpread"/> checks.</summary>
    public const string NoSpreadAtZero = "with p = 0 the standard deviation is exactly 0 and the mean is the eval output";

    /// <summary>The law <see cref="CheckBatchNormFrozenAndModesRestored"/> checks.</summary>
    public const string BatchNormFrozen = "BatchNorm stays in eval mode and every module gets its mode back";

    /// <summary>The law <see cref="CheckConvergesToTheAverageOverAllMasks"/> checks.</summary>
    public const string Converges = "as T grows the MC mean converges to the average over all masks";

    /// <summary>The false-failure rate of the statistical law, per case.</summary>
    public const double FalseFailureRate = 1e-6;

    /// <summary>
    /// <c>Linear(4, 8) → BatchNorm1d(8) → ReLU → Dropout(p) → Linear(8, 3) → Tanh</c>, built with <c>torch.manual_seed(seed)</c>
    /// (weights, then masks, from one generator), then two training steps' forwards on random batches so that BatchNorm's
    /// running statistics are not their initial 0 and 1.
    /// </summary>
    public static IModule ModelWithBatchNorm(IStack stack, double p, ulong seed)
    {
        var generator = new TorchGenerator(seed);
        IModule model = stack.Sequential(stack.Linear(4, 8, generator), stack.BatchNorm1d(8), stack.ReLU(), stack.Dropout(p, generator),
            stack.Linear(8, 3, generator), stack.Tanh());
        var data = new TorchGenerator(seed + 1);
        model.Forward(data.Randn(16, 4));
        model.Forward(data.Randn(16, 4));
        return model;
    }

    /// <summary>
    /// Law "the MC mean and standard deviation are those of T passes with the same masks": a copy of the model (same seed)
    /// run T times directly, with every module in eval mode except the dropout layers, gives outputs whose mean and
    /// population standard deviation (two-pass, in double) the predictor must return. Both round a double to float, so
    /// they may differ by one float ulp of the largest output: the bound is 2⁻²²·max|y|.
    /// </summary>
    public static void CheckSameMasksComputedDirectly(McPredictor predict, IStack stack, double p, ulong seed, int passes)
    {
        Tensor x = new TorchGenerator(seed + 2).Randn(5, 4);
        McDropoutPrediction prediction = predict(ModelWithBatchNorm(stack, p, seed), x, passes);

        IModule direct = ModelWithBatchNorm(stack, p, seed).Eval();
        foreach (IModule module in direct.Modules())
        {
            if (module is IStochasticModule) module.SetTraining(true);
        }
        var outputs = new List<float[]>();
        for (int t = 0; t < passes; t++) outputs.Add((float[])direct.Forward(x).Data.Clone());
        int n = outputs[0].Length;
        double largest = outputs.Max(o => o.Max(MathF.Abs));
        double bound = Math.ScaleB(largest, -22) + 1e-30;
        var counterexample = new Counterexample(x.Shape, p, seed, Detail: $"{stack.Name}, T = {passes}");
        if (prediction.Mean.Length != n || prediction.StandardDeviation.Length != n)
        {
            throw new LawViolation(SameMasks, counterexample, $"{n} outputs",
                $"{prediction.Mean.Length} means and {prediction.StandardDeviation.Length} deviations");
        }
        for (int i = 0; i < n; i++)
        {
            double mean = outputs.Sum(o => (double)o[i]) / passes;
            double std = Math.Sqrt(outputs.Sum(o => (o[i] - mean) * (o[i] - mean)) / passes);
            if (Math.Abs(prediction.Mean[i] - mean) > bound)
            {
                throw new LawViolation(SameMasks, counterexample.At(i), $"the mean of the direct passes {mean:R} (within {bound:G3})",
                    $"{prediction.Mean[i]:R}");
            }
            if (Math.Abs(prediction.StandardDeviation[i] - std) > bound)
            {
                throw new LawViolation(SameMasks, counterexample.At(i),
                    $"the standard deviation of the direct passes {std:R} (within {bound:G3})", $"{prediction.StandardDeviation[i]:R}");
            }
        }
    }

    /// <summary>Law "with p = 0 the standard deviation is exactly 0": and the mean is the eval-mode output, bit for bit.</summary>
    public static void CheckZeroProbabilityHasNoSpread(McPredictor predict, IStack stack, ulong seed, int passes)
    {
        Tensor x = new TorchGenerator(seed + 2).Randn(5, 4);
        McDropoutPrediction prediction = predict(ModelWithBatchNorm(stack, 0, seed), x, passes);
        float[] eval = ModelWithBatchNorm(stack, 0, seed).Eval().Forward(x).Data;
        for (int i = 0; i < eval.Length; i++)
        {
            if (prediction.StandardDeviation[i] != 0 || BitConverter.SingleToInt32Bits(prediction.Mean[i]) != BitConverter.SingleToInt32Bits(eval[i]))
            {
                throw new LawViolation(NoSpreadAtZero, new Counterexample(x.Shape, 0, seed, i, $"{stack.Name}, T = {passes}"),
                    $"std 0 and mean {eval[i]:R} (eval mode)", $"std {prediction.StandardDeviation[i]:R} and mean {prediction.Mean[i]:R}");
            }
        }
    }

    /// <summary>
    /// Law "BatchNorm stays in eval mode and every mode is restored": BatchNorm's running statistics are the same bit for
    /// bit after the passes, and every module is in the mode it was in before (tried from training and from eval mode).
    /// </summary>
    public static void CheckBatchNormFrozenAndModesRestored(McPredictor predict, IStack stack, double p, ulong seed)
    {
        Tensor x = new TorchGenerator(seed + 2).Randn(5, 4);
        foreach (bool training in new[] { true, false })
        {
            IModule model = ModelWithBatchNorm(stack, p, seed);
            model.SetTraining(training);
            float[][] before = model.NamedBuffers().Select(b => (float[])b.Value.Data.Clone()).ToArray();
            bool[] modes = model.Modules().Select(m => m.IsTraining).ToArray();
            predict(model, x, 4);
            float[][] after = model.NamedBuffers().Select(b => b.Value.Data).ToArray();
            for (int b = 0; b < before.Length; b++)
            {
                if (!before[b].AsSpan().SequenceEqual(after[b]))
                {
                    throw new LawViolation(BatchNormFrozen, new Counterexample(x.Shape, p, seed, Detail: stack.Name),
                        $"buffer {b} (running statistics) unchanged", "it changed during MC dropout");
                }
            }
            bool[] restored = model.Modules().Select(m => m.IsTraining).ToArray();
            if (!modes.SequenceEqual(restored))
            {
                throw new LawViolation(BatchNormFrozen,
                    new Counterexample(x.Shape, p, seed, Detail: $"{stack.Name}, model in {(training ? "training" : "eval")} mode"),
                    $"modes restored to [{string.Join(", ", modes)}]", $"[{string.Join(", ", restored)}]");
            }
        }
    }

    /// <summary>
    /// Law "as T grows the MC mean converges to the average over all masks". For <c>Linear(3, 6) → ReLU → Dropout(p) →
    /// Linear(6, 2) → Tanh</c> on a batch of 4 rows, each row's output depends only on that row's 6 keep flags, so its exact
    /// expectation is a sum over the 2⁶ masks weighted by (1 − p)^kept·p^dropped, computed with the model's own layers. The
    /// T passes are i.i.d. draws of a variable in [lo, hi] (the least and largest output over the masks), so by Hoeffding
    /// <c>P(|mean_T − E| ≥ ε) ≤ 2·exp(−2Tε²/(hi − lo)²)</c>; with ε = (hi − lo)·√(ln(2m/δ)/(2T)) over the m = 8 outputs a
    /// correct predictor fails with probability at most δ = <see cref="FalseFailureRate"/>. Float rounding of the outputs
    /// (a few 1e-8) is added to ε.
    /// </summary>
    public static void CheckConvergesToTheAverageOverAllMasks(McPredictor predict, IStack stack, double p, ulong seed, int passes)
    {
        var generator = new TorchGenerator(seed);
        IModule first = stack.Linear(3, 6, generator), relu = stack.ReLU(), dropout = stack.Dropout(p, generator);
        IModule second = stack.Linear(6, 2, generator), tanh = stack.Tanh();
        IModule model = stack.Sequential(first, relu, dropout, second, tanh);
        Tensor x = new TorchGenerator(seed + 2).Randn(4, 3);

        // Hidden units in eval mode (no dropout yet), then every mask of each row through the layers after dropout.
        model.Eval();
        float[] hidden = (float[])relu.Forward(first.Forward(x)).Data.Clone();
        float scale = 1f / (float)(1 - p);
        const int units = 6, masks = 1 << units;
        var expected = new double[8];
        var low = Enumerable.Repeat(double.MaxValue, 8).ToArray();
        var high = Enumerable.Repeat(double.MinValue, 8).ToArray();
        for (int row = 0; row < 4; row++)
        {
            var inputs = new Tensor(masks, units);
            for (int m = 0; m < masks; m++)
            {
                for (int u = 0; u < units; u++)
                {
                    inputs[m, u] = (m >> u & 1) == 1 ? hidden[row * units + u] * scale : hidden[row * units + u] * 0f;
                }
            }
            float[] outputs = tanh.Forward(second.Forward(inputs)).Data;
            for (int m = 0; m < masks; m++)
            {
                int kept = System.Numerics.BitOperations.PopCount((uint)m);
                double probability = Math.Pow(1 - p, kept) * Math.Pow(p, units - kept);
                for (int o = 0; o < 2; o++)
                {
                    double value = outputs[m * 2 + o];
                    expected[row * 2 + o] += probability * value;
                    low[row * 2 + o] = Math.Min(low[row * 2 + o], value);
                    high[row * 2 + o] = Math.Max(high[row * 2 + o], value);
                }
            }
        }

        McDropoutPrediction prediction = predict(model, x, passes);
        for (int i = 0; i < 8; i++)
        {
            double epsilon = (high[i] - low[i]) * Math.Sqrt(Math.Log(2 * 8 / FalseFailureRate) / (2.0 * passes)) + 1e-6;
            if (Math.Abs(prediction.Mean[i] - expected[i]) > epsilon)
            {
                throw new LawViolation(Converges, new Counterexample(x.Shape, p, seed, i, $"{stack.Name}, T = {passes}"),
                    $"the exact average {expected[i]:G6} within Hoeffding's ±{epsilon:G3} (false-failure rate {FalseFailureRate:G2})",
                    $"MC mean {prediction.Mean[i]:G6}");
            }
        }
    }
}
