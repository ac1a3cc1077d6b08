namespace Verification.Exercises;

/// <summary>
/// Everything a learner answers. Each document's questions live in their own file
/// (<c>Answers/IAnswers.Document003.cs</c>, …); <see cref="Workbook.Workbook"/> holds the learner's stubs and
/// <see cref="Key.AnswerKey"/> the model answers. The graded tests run against whichever
/// <see cref="AnswerSelection"/> picks.
/// </summary>
public partial interface IAnswers;
