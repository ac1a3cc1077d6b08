using FsCheck.Fluent;
using Verification.Exercises.Grading;

namespace Verification.Exercises.Documents;

/// <summary>The exercises of 001_9b6fb180196b46a2.txt: ten ones at p = 0.3 and the expected sum.</summary>
public static class Document001
{
    /// <summary>The document's file name.</summary>
    public const string File = "001_9b6fb180196b46a2.txt";

    /// <summary>Every exercise of the document.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        new("001.1", File, "Inverted Dropout (ten ones at p = 0.3)", "The factor kept units are scaled by", 1, Difficulty.Warmup, KeptScale),
        new("001.2", File, "Inverted Dropout (the expected sum)", "The expected sum after dropout", 2, Difficulty.Warmup, ExpectedSum),
    ];

    private static Grade KeptScale(Exercise e, IAnswers answers)
    {
        float actual = answers.KeptScale(0.3);
        if (BitConverter.SingleToInt32Bits(actual) == BitConverter.SingleToInt32Bits(1f / 0.7f)) return Grade.Pass();
        string diagnosis = Math.Abs(actual - 0.7f) < 1e-6 ? " You used the keep probability itself: the survivors are divided by it, not multiplied." :
            Math.Abs(actual - 1f / 0.3f) < 1e-5 ? " You divided by p; the kept fraction is 1−p (p is the probability of DROPPING)." : "";
        return Grade.Fail($"expected 1/(1 − 0.3) = {1f / 0.7f:R} in float32 (PyTorch prints 1.4286) but got {actual:R}.{diagnosis} (see {e.Page})");
    }

    private static Grade ExpectedSum(Exercise e, IAnswers answers)
    {
        const string why = "Each unit contributes x/(1−p) with probability 1−p, so each expects x and n units expect n·x: the 10 ones still sum to 10 on average.";
        var grade = Feedback.Number(e, "expected sum of ten ones at p = 0.3", 10, answers.ExpectedSumAfterDropout(10, 1, 0.3), 1e-9, why,
            (v => Math.Abs(v - 7) < 1e-9, "you counted the surviving units without their 1/(1−p) scale"),
            (v => Math.Abs(v - 10 / 0.7) < 1e-9, "you scaled every unit, forgetting that dropped units contribute nothing"));
        if (!grade.Passed) return grade;
        var cases = Inputs.All(Inputs.Count(1, 500), Inputs.Value(-2, 2), Inputs.DropProbability());
        return PropertyGrade.Check(e, cases, c => Math.Abs(answers.ExpectedSumAfterDropout(c.Item1, c.Item2, c.Item3) - c.Item1 * c.Item2) <= 1e-9 * Math.Max(1, Math.Abs(c.Item1 * c.Item2)), why);
    }
}
