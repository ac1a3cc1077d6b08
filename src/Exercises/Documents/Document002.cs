using FsCheck.Fluent;
using Verification.Exercises.Grading;

namespace Verification.Exercises.Documents;

/// <summary>The exercises of 002_91f9a1e79ea80b56.txt: the inverted-scaling proof's second moment, and why L1 makes zeros.</summary>
public static class Document002
{
    /// <summary>The document's file name.</summary>
    public const string File = "002_91f9a1e79ea80b56.txt";

    /// <summary>Every exercise of the document.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        new("002.1", File, "Dropout: Internals, Inverted Scaling", "The variance inverted dropout adds", 3, Difficulty.Core, Variance),
        new("002.2", File, "L1 and L2 Regularisation", "Why L1 makes exact zeros and L2 does not", 2, Difficulty.Core, PenaltyPull),
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
            c => Math.Abs(answers.InvertedDropoutVariance(c.Item1, c.Item2) - c.Item1 * c.Item1 * c.Item2 / (1 - c.Item2)) <= 1e-9 * Math.Max(1, c.Item1 * c.Item1 / (1 - c.Item2)), why);
    }

    private static Grade PenaltyPull(Exercise e, IAnswers answers)
    {
        const string why = "d(λ|w|)/dw = λ·sign(w): the same push whether w is 10 or 0.0001, so small weights reach 0. " +
                           "d(λw²)/dw = 2λw: the push fades as w shrinks, so weights get small but almost never exactly 0.";
        var (l1Small, l2Small) = answers.PenaltyPull(0.0001, 0.01);
        var (l1Large, l2Large) = answers.PenaltyPull(10, 0.01);
        return Feedback.Numbers(e, "(L1, L2) pull at w = 0.0001 and at w = 10 with λ = 0.01",
            [0.01, 2e-6, 0.01, 0.2], [l1Small, l2Small, l1Large, l2Large], 1e-9, why,
            (v => Math.Abs(v[1] - 1e-6) < 1e-12, "you dropped the factor 2 in the derivative of w²"),
            (v => Math.Abs(v[0] - 1e-6) < 1e-12, "you made L1's pull proportional to w; its derivative is a constant λ·sign(w)"));
    }
}
