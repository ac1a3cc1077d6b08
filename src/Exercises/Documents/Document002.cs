using FsCheck.Fluent;
using Verification.Core;
using Verification.Core.Documents;
using Verification.Core.Random;
using Verification.Exercises.Grading;

namespace Verification.Exercises.Documents;

/// <summary>The exercises of 002_91f9a1e79ea80b56.txt: the inverted-scaling proof's second moment, and why L1 makes zeros.</summary>
public static class Document002
{
    /// <summary>The document's file name.</summary>
    public const string File = CourseDocuments.Document002;

    /// <summary>Every exercise of the document.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        new("002.1", File, "Dropout: Internals, Inverted Scaling", "The variance inverted dropout adds", 3, Difficulty.Core, Variance),
        new("002.2", File, "L1 and L2 Regularisation", "Why L1 makes exact zeros and L2 does not", 2, Difficulty.Core, PenaltyPull),
        new("002.3", File, "Interview question 1", "Bagging versus dropout's shared weights", 2, Difficulty.Core, ParameterCounts),
        new("002.4", File, "Interview question 2", "Adam's weight_decay versus AdamW's decoupled decay", 4, Difficulty.Stretch, DecayEffect),
        new("002.5", File, "Interview question 3", "Dropout after BatchNorm in a residual block", 4, Difficulty.Stretch, ResidualBlock),
    ];

    private static Grade Variance(Exercise e, IAnswers answers)
    {
        const string why = "E[y²] = (1−p)·x²/(1−p)² = x²/(1−p) and E[y] = x, so Var[y] = x²/(1−p) − x² = x²·p/(1−p).";
        var grade = Feedback.Number(e, "Var[y] for x = 2, p = 0.5", 4, answers.InvertedDropoutVariance(2, 0.5), 1e-9, why,
            (v => Math.Abs(v - 1) < 1e-9, "you computed the variance of the mask (p(1−p)·x²) without the 1/(1−p)² scale"),
            (v => Math.Abs(v - 8) < 1e-9, "you gave E[y²] and forgot to subtract E[y]²"));
        if (!grade.Passed) return grade;
        var cases = Inputs.Both(Inputs.Value(-3, 3), Inputs.DropProbability());
        return PropertyGrade.Check(e, cases,
            c => Math.Abs(answers.InvertedDropoutVariance(c.Item1, c.Item2) - c.Item1 * c.Item1 * c.Item2 / (1 - c.Item2))
                <= 1e-9 * Math.Max(1, c.Item1 * c.Item1 / (1 - c.Item2)), why);
    }

    private static Grade PenaltyPull(Exercise e, IAnswers answers)
    {
        const string why = "d(λ|w|)/dw = λ·sign(w): the same push whether w is 10 or 0.0001, so small weights reach 0. " +
                           "d(λw²)/dw = 2λw: the push fades as w shrinks, so weights get small but almost never exactly 0. " +
                           "The pull's size is the derivative's absolute value: λ and 2λ|w|, positive for negative weights too.";
        // Positive and negative weights, small and large: a signed 2λw or λ·sign(w) is wrong on the negative half.
        double[] weights = [0.0001, 10, -0.0001, -10];
        var actual = new List<double>();
        var expected = new List<double>();
        foreach (double w in weights)
        {
            var (l1, l2) = answers.PenaltyPull(w, 0.01);
            actual.AddRange([l1, l2]);
            expected.AddRange([0.01, 2 * 0.01 * Math.Abs(w)]);
        }
        var grade = Feedback.Numbers(e, "(L1, L2) pull at w = 0.0001, 10, −0.0001 and −10 with λ = 0.01", expected, actual, 1e-9, why,
            (v => Math.Abs(v[1] - 1e-6) < 1e-12, "you dropped the factor 2 in the derivative of w²"),
            (v => Math.Abs(v[0] - 1e-6) < 1e-12, "you made L1's pull proportional to w; its derivative is a constant λ·sign(w)"),
            (v => v.Count == 8 && v[7] < 0 && Math.Abs(v[7] + 0.2) < 1e-9,
                "you returned the signed derivative 2λw; the question asks for the size of the pull, 2λ|w|"),
            (v => v.Count == 8 && v[6] < 0, "you returned L1's signed derivative λ·sign(w); the question asks for the size of the pull, λ"));
        if (!grade.Passed) return grade;
        var cases = Inputs.Both(Inputs.Value(-5, 5), Inputs.Value(0, 1));
        return PropertyGrade.Check(e, cases, c =>
        {
            var (w, lambda) = c;
            if (w == 0) return true;
            var (l1, l2) = answers.PenaltyPull(w, lambda);
            return Math.Abs(l1 - lambda) <= 1e-9 && Math.Abs(l2 - 2 * lambda * Math.Abs(w)) <= 1e-9 * Math.Max(1, Math.Abs(w));
        }, why);
    }

    private static Grade ParameterCounts(Exercise e, IAnswers answers)
    {
        var (bagging, dropout) = answers.ParameterCounts(10, 20, 64, 4);
        const long single = 20 * 64 + 64 + 64 * 4 + 4;
        return Feedback.Numbers(e, "(bagging, dropout) parameters for 10 models of 20→64→4", [10 * single, single], [bagging, dropout], 0,
            "Bagging trains k independent networks (k·P parameters, each on its own bootstrap sample); dropout's 2ⁿ sub-networks all share " +
            "one network's P parameters, each trained for a single step. With very high rates in many layers the sampled sub-networks are too " +
            "small to be useful models, so the ensemble picture stops describing what is learned.",
            (v => v[0] == 10 * (20 * 64 + 64 * 4) && v[1] == 20 * 64 + 64 * 4, "you left out the biases"));
    }

    private static Grade DecayEffect(Exercise e, IAnswers answers)
    {
        var (adamLarge, adamWLarge) = answers.DecayEffect(RefereeStack.Stack, 10f);
        var (expectedAdamLarge, expectedAdamWLarge) = DecayEffectOnTheReferenceStack(10f);
        var (adamSmall, adamWSmall) = answers.DecayEffect(RefereeStack.Stack, 0.01f);
        var (expectedAdamSmall, expectedAdamWSmall) = DecayEffectOnTheReferenceStack(0.01f);
        return Feedback.Numbers(e, "decay's effect on the final weight (Adam and AdamW, gradient 10, then gradient 0.01)",
            [expectedAdamLarge, expectedAdamWLarge, expectedAdamSmall, expectedAdamWSmall], [adamLarge, adamWLarge, adamSmall, adamWSmall], 1e-4,
            "Adam adds wd·w to the gradient and then divides by the running gradient size, so with a large gradient the decay all but vanishes; " +
            "AdamW shrinks the weight by lr·wd·w every step whatever the gradient. That is why AdamW regularises high-gradient parameters as " +
                "intended.",
            (v => Math.Abs(v[0] - expectedAdamWLarge) < 1e-4 && Math.Abs(v[1] - expectedAdamLarge) < 1e-4, "Adam's and AdamW's results are swapped"),
            (v => Math.Abs(v[0] - v[1]) < 1e-6, "you used the same optimizer twice (coupled decay where AdamW was asked)"));
    }

    /// <summary>
    /// The experiment the exercise describes, run on the Reference optimizers: one weight starting at 1, 100 steps of lr 0.01 under a
    /// constant <paramref name="gradient"/>; decay's effect is the final weight with weight_decay 0.1 minus the final weight without.
    /// </summary>
    private static (double Adam, double AdamW) DecayEffectOnTheReferenceStack(float gradient)
    {
        var stack = RefereeStack.Stack;
        double Final(Func<IReadOnlyList<Parameter>, IOptimizer> make)
        {
            var w = new Parameter(Tensor.Vector(1f));
            var optimizer = make([w]);
            for (int step = 0; step < 100; step++)
            {
                optimizer.ZeroGrad();
                w.Grad[0] = gradient;
                optimizer.Step();
            }
            return w.Value[0];
        }
        return (Final(ps => stack.Adam(ps, lr: 0.01, weightDecay: 0.1)) - Final(ps => stack.Adam(ps, lr: 0.01)),
            Final(ps => stack.AdamW(ps, lr: 0.01, weightDecay: 0.1)) - Final(ps => stack.AdamW(ps, lr: 0.01, weightDecay: 0)));
    }

    private static Grade ResidualBlock(Exercise e, IAnswers answers)
    {
        double expected = ResidualBlockOnTheReferenceStack(new TorchGenerator(4), 0.5);
        double actual = answers.ResidualBlockEvalVariance(RefereeStack.Stack, new TorchGenerator(4), 0.5);
        return Feedback.Number(e, "eval-mode variance after the next BatchNorm (p = 0.5)", expected, actual, 0.02,
            $"The next BatchNorm's running statistics were learned on a branch scaled up by dropout; at eval the branch is quieter, so its output " +
            $"variance is {expected:0.###} rather than ≈ 1. Put dropout only after the last BatchNorm, or rely on BatchNorm and weight decay in " +
                $"such blocks.",
            (v => Math.Abs(v - 1) < 0.05, "the statistics were collected with dropout inactive (training mode missing?)"));
    }

    /// <summary>
    /// The block on the Reference stack: branch = Linear(16, 16), BatchNorm1d, ReLU, Dropout(p); head = Linear(16, 16), BatchNorm1d;
    /// 200 training batches of randn(64, 16), then the variance of the eval-mode output over randn(4096, 16).
    /// </summary>
    private static double ResidualBlockOnTheReferenceStack(TorchGenerator generator, double p)
    {
        var stack = RefereeStack.Stack;
        var branch = stack.Sequential(stack.Linear(16, 16, generator), stack.BatchNorm1d(16), stack.ReLU(), stack.Dropout(p, generator));
        var head = stack.Sequential(stack.Linear(16, 16, generator), stack.BatchNorm1d(16));
        var model = new ResidualThenHead(branch, head);
        model.SetTraining(true);
        for (int batch = 0; batch < 200; batch++) model.Forward(generator.Randn(64, 16));
        model.SetTraining(false);
        var output = model.Forward(generator.Randn(4096, 16)).Data;
        double mean = output.Average(v => (double)v);
        return output.Average(v => (v - mean) * (v - mean));
    }
}
