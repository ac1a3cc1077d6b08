namespace Verification.Exercises.Key;

/// <summary>
/// The model answers, kept apart from the learner's <see cref="Workbook.Workbook"/>. Methods are virtual so the
/// grader's own tests can derive a plausible wrong answer by overriding exactly one of them.
/// Each document's answers are in their own file (<c>AnswerKey.Document003.cs</c>, …).
/// </summary>
public partial class AnswerKey : IAnswers;
