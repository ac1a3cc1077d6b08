namespace Verification.Exercises.Grading;

/// <summary>How an answer fared.</summary>
public enum GradeStatus
{
    /// <summary>The answer is right.</summary>
    Passed,

    /// <summary>The answer is wrong; the feedback says what was expected, why, and where to read.</summary>
    Failed,

    /// <summary>The workbook stub still throws <see cref="NotImplementedException"/>.</summary>
    NotAttempted,
}

/// <summary>The result of grading one exercise: a status and feedback that teaches.</summary>
public sealed record Grade(GradeStatus Status, string Feedback)
{
    /// <summary>A right answer.</summary>
    public static Grade Pass(string note = "correct") => new(GradeStatus.Passed, note);

    /// <summary>A wrong answer with feedback.</summary>
    public static Grade Fail(string feedback) => new(GradeStatus.Failed, feedback);

    /// <summary>For whole-layer and optimizer exercises, each referee's verdict in the order they ran; empty otherwise.</summary>
    public IReadOnlyList<LawResult> Laws { get; init; } = [];

    /// <summary>True when passed.</summary>
    public bool Passed => Status == GradeStatus.Passed;
}
