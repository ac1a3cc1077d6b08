using Verification.Core;
using Verification.Core.Random;
using Verification.Core.Training;
using Verification.Exercises.Grading;

namespace Verification.Exercises.Documents;

/// <summary>
/// The regularisation toolbox the course documents name beyond plain dropout: Dropout2d for convolutions (001, 002, 003),
/// AlphaDropout for SELU networks, MC dropout, SGD's weight_decay as an L2 penalty (002), DropConnect and stochastic depth
/// (002). Expected values come from PyTorch's rules (the generator's draws, ATen's and torchvision's formulas), closed
/// forms, or the Reference stack, never from the answer key.
/// </summary>
public static class Toolbox
{
    /// <summary>The key the scorecard groups these exercises under; its first three letters name the page, docs/exercises/tbx.md.</summary>
    public const string File = "tbx_regularisation-toolbox";

    /// <summary>|α′| = λα of SELU (Klambauer et al., 2017), as aten/src/ATen/native/Dropout.cpp writes it.</summary>
    private const double AlphaPrime = 1.7580993408473766;

    /// <summary>Every exercise of the toolbox.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        new("tbx.1", File, "Spatial dropout (Dropout2d)", "Count the channels Dropout2d keeps", 2, Difficulty.Core, KeptChannels),
        new("tbx.2", File, "AlphaDropout", "AlphaDropout's a and b", 2, Difficulty.Core, AlphaAffine),
        new("tbx.3", File, "MC dropout", "Monte Carlo dropout prediction", 3, Difficulty.Core, McPrediction),
        new("tbx.4", File, "Weight decay", "The weight after one SGD step with weight_decay", 1, Difficulty.Warmup, WeightDecayStep),
        new("tbx.5", File, "DropConnect", "DropConnect's expected output", 1, Difficulty.Warmup, DropConnectMean),
        new("tbx.6", File, "Stochastic depth", "Stochastic depth's survival scaling on a residual block", 2, Difficulty.Core, SurvivalScaling),
    ];

    private static Grade KeptChannels(Exercise e, IAnswers answers)
    {
        foreach (var (seed, n, c, h, w, p) in new[] { (0UL, 2, 8, 3, 3, 0.5), (42UL, 4, 16, 2, 5, 0.2), (7UL, 3, 5, 4, 4, 0.7) })
        {
            // Dropout2d draws bernoulli_(1 − p) over (N, C, 1, 1): one double uniform per (sample, channel), in order.
            var draws = new float[n * c];
            new TorchGenerator(seed).Bernoulli(draws, 1 - p);
            int expected = (int)draws.Sum();
            int actual = answers.Dropout2dKeptChannels(RefereeStack.Stack, new TorchGenerator(seed), n, c, h, w, p);
            if (actual == expected) continue;
            string diagnosis = actual == n * c - expected ? " You counted the dropped channels; p is the probability of DROPPING."
                : actual == expected * h * w ? " You counted kept elements; Dropout2d keeps or drops whole H×W planes."
                : actual > n * c ? " That is more planes than the input has: count (sample, channel) pairs, not elements."
                : " Build the layer from the generator you are given and draw nothing else first: the count depends on the draws.";
            return Grade.Fail($"with seed {seed}, input ({n}, {c}, {h}, {w}) and p = {p}, Dropout2d keeps {expected} of {n * c} channels, " +
                $"you said {actual}.{diagnosis} (see {e.Page})");
        }
        return Grade.Pass();
    }

    private static Grade AlphaAffine(Exercise e, IAnswers answers)
    {
        const string why = "AlphaDropout sets dropped units to SELU's saturation α′ = −λα ≈ −1.7581 and then applies y = a·x + b so the mean " +
            "stays 0 and the variance 1: a = 1/√((1 − p)(1 + α′²p)), b = −a·p·α′ = a·p·1.7581 (ATen's alpha_dropout).";
        foreach (double p in new[] { 0.1, 0.2, 0.5 })
        {
            double a = 1 / Math.Sqrt((1 - p) * (1 + AlphaPrime * AlphaPrime * p));
            var (actualA, actualB) = answers.AlphaDropoutAffine(p);
            var grade = Feedback.Numbers(e, $"(a, b) at p = {p}", [a, a * p * AlphaPrime], [actualA, actualB], 1e-9, why,
                (v => Feedback.Near(v, [1 / Math.Sqrt(p * (1 + AlphaPrime * AlphaPrime * (1 - p))), v[1]]),
                    "you used the keep probability where the formula has the drop probability"),
                (v => Feedback.Near(v, [1 / Math.Sqrt(1 - p), v[1]]), "you used plain dropout's scale; the α′² term is missing"),
                (v => Feedback.Near(v, [a, -a * p * AlphaPrime]), "b has the wrong sign: α′ is negative, so −a·p·α′ is positive"));
            if (!grade.Passed) return grade;
        }
        return Grade.Pass();
    }

    private static Grade McPrediction(Exercise e, IAnswers answers)
    {
        const int passes = 50;
        // Two copies built from one seed: the answer runs on one, McDropout (Core) on the other, with the same draws ahead.
        var (model, input) = McModel(9);
        var (twin, _) = McModel(9);
        var (mean, std) = answers.McDropoutPrediction(model, input, passes);
        int wrongModes = model.Modules().Count(m => m.IsTraining);
        if (wrongModes > 0)
        {
            return Grade.Fail($"after your prediction {wrongModes} modules are in training mode, but the model came in eval mode: put every " +
                $"module back in the mode it was in. (see {e.Page})");
        }
        McDropoutPrediction expected = McDropout.Predict(twin, input, passes);
        const string why = "Keep dropout on (only the dropout layers in training mode), keep BatchNorm in eval mode so it uses its running " +
            "statistics, run T passes of the same input and take the mean and the standard deviation of the T outputs (divided by T).";
        var all = new List<double>();
        all.AddRange(mean.Select(v => (double)v));
        all.AddRange(std.Select(v => (double)v));
        var expectedAll = expected.Mean.Data.Select(v => (double)v).Concat(expected.StandardDeviation.Data.Select(v => (double)v)).ToArray();
        int half = expected.Mean.Length;
        return Feedback.Numbers(e, $"the mean and standard deviation of {passes} passes", expectedAll, all, 1e-4, why,
            (v => v.Skip(half).All(s => s == 0), "every pass gave the same output: dropout was off (eval mode) during the passes"),
            (v => Feedback.Near(v.Skip(half).ToArray(), expectedAll.Skip(half).Select(s => s * Math.Sqrt(passes / (passes - 1.0))).ToArray(),
                1e-4), "you divided by T − 1; the predictive spread of the T sampled networks divides by T"),
            (v => !Feedback.Near(v.Take(half).ToArray(), expectedAll.Take(half).ToArray(), 1e-4),
                "the mean is off: BatchNorm must stay in eval mode (running statistics), only dropout switches on"));
    }

    /// <summary>Linear(4, 8), BatchNorm1d(8), ReLU, Dropout(0.3), Linear(8, 2) with trained running statistics, in eval mode.</summary>
    private static (IModule Model, Tensor Input) McModel(ulong seed)
    {
        IStack stack = RefereeStack.Stack;
        var generator = new TorchGenerator(seed);
        IModule model = stack.Sequential(stack.Linear(4, 8, generator), stack.BatchNorm1d(8), stack.ReLU(), stack.Dropout(0.3, generator),
            stack.Linear(8, 2, generator));
        for (int step = 0; step < 20; step++) model.Forward(generator.Randn(16, 4));
        model.SetTraining(false);
        return (model, generator.Randn(5, 4));
    }

    private static Grade WeightDecayStep(Exercise e, IAnswers answers)
    {
        const string why = "torch.optim.SGD adds weight_decay·w to the gradient, then steps: w ← w − lr·(g + wd·w). That is the gradient " +
            "of the penalty (wd/2)·w², so an L2 penalty λ·w² corresponds to weight_decay = 2λ, and each step shrinks w by (1 − lr·wd).";
        foreach (var (w, g, lr, wd) in new[] { (1.5f, 0.2f, 0.1, 0.01), (-2f, 0.5f, 0.05, 0.1), (0.75f, -1.25f, 0.3, 0.5) })
        {
            var parameter = new Parameter(Tensor.Vector(w));
            parameter.Grad[0] = g;
            RefereeStack.Stack.SGD([parameter], lr, weightDecay: wd).Step();
            double expected = parameter.Value[0];
            var grade = Feedback.Number(e, $"w = {w}, g = {g}, lr = {lr}, weight_decay = {wd}", expected,
                answers.WeightAfterSgdStepWithWeightDecay(w, g, lr, wd), 1e-6, why,
                (v => Math.Abs(v - (w - lr * (g + 2 * wd * w))) < 1e-6, "you doubled the decay: weight_decay is already the 2λ of λ·w²"),
                (v => Math.Abs(v - (w - lr * g - wd * w)) < 1e-6, "the decay term is missing its learning rate: w − lr·(g + wd·w)"),
                (v => Math.Abs(v - (w - lr * (g - wd * w))) < 1e-6, "the decay pushes the weight away from 0: its sign is flipped"));
            if (!grade.Passed) return grade;
        }
        return Grade.Pass();
    }

    private static Grade DropConnectMean(Exercise e, IAnswers answers)
    {
        float[] weight = [0.5f, -1f, 2f, 0.25f, 1.5f, -0.75f], bias = [0.1f, -0.2f], x = [1f, 2f, -0.5f];
        double[] dense = [0.1 + 0.5 - 2 - 1, -0.2 + 0.25 + 3 + 0.375];
        const string why = "Each weight is kept with probability 1 − p and then scaled by 1/(1 − p), so its expected value is the weight itself: " +
            "the expected output is the dense W·x + b, for every p (the bias is not masked).";
        foreach (double p in new[] { 0.5, 0.2 })
        {
            var grade = Feedback.Numbers(e, $"E[y] at p = {p}", dense, answers.DropConnectExpectedOutput(weight, bias, x, p), 1e-6, why,
                (v => Feedback.Near(v, dense.Select((d, o) => (d - bias[o]) * (1 - p) + bias[o]).ToArray()),
                    "you forgot the 1/(1 − p) that inverted scaling applies to the kept weights"),
                (v => Feedback.Near(v, dense.Select((d, o) => (d - bias[o]) / (1 - p) + bias[o]).ToArray()),
                    "you scaled by 1/(1 − p) but forgot that each weight survives only with probability 1 − p"));
            if (!grade.Passed) return grade;
        }
        return Grade.Pass();
    }

    private static Grade SurvivalScaling(Exercise e, IAnswers answers)
    {
        const string why = "torchvision's stochastic_depth draws one bernoulli_(1 − p) per sample and divides it by the survival rate 1 − p " +
            "(in float32), so a surviving branch is scaled by 1/(1 − p) and a dropped one contributes 0; the skip connection x always passes. " +
            "On average the block outputs x + f(x).";
        foreach (var (x, f, p) in new[] { (0.5f, 2f, 0.2), (-1.25f, 0.75f, 0.5), (3f, -1f, 0.1) })
        {
            float survived = x + f * (1f / (float)(1 - p));
            var (actualSurvived, actualDropped, actualExpected) = answers.StochasticDepthResidual(x, f, p);
            var grade = Feedback.Numbers(e, $"x = {x}, f(x) = {f}, p = {p}: (survived, dropped, expected)", [survived, x, (double)x + f],
                [actualSurvived, actualDropped, actualExpected], 1e-6, why,
                (v => Math.Abs(v[0] - (x + f)) < 1e-6, "a surviving branch was not scaled by 1/(1 − p)"),
                (v => Math.Abs(v[1]) < 1e-9 && x != 0, "a dropped sample lost its skip connection too: only the branch is dropped"),
                (v => Math.Abs(v[0] - (x + f) / (1 - p)) < 1e-5, "you scaled the whole block output, skip connection included"));
            if (!grade.Passed) return grade;
        }
        return Grade.Pass();
    }
}
