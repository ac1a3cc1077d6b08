namespace Verification.Exercises.Grading;

/// <summary>
/// One referee of a whole-layer exercise: the law's name, a sentence, and the check that throws a
/// <see cref="Laws.LawViolation"/> when the learner's code breaks it.
/// </summary>
public sealed record Referee(string Law, Action Check);
