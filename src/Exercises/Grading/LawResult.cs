namespace Verification.Exercises.Grading;

/// <summary>One referee's verdict on a whole-layer exercise: the law's name and whether the learner's code obeyed it.</summary>
public sealed record LawResult(string Law, GradeStatus Status);
