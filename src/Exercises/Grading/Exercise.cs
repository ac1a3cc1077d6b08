namespace Verification.Exercises.Grading;

/// <summary>
/// One graded exercise: which document and section it comes from, a title in the project's own words, its points
/// and difficulty, and the check that grades an <see cref="IAnswers"/> implementation (it receives the exercise
/// itself, so its feedback can point at the exercise's page).
/// </summary>
public sealed record Exercise(
    string Id,
    string Document,
    string Section,
    string Title,
    int Points,
    Difficulty Difficulty,
    Func<Exercise, IAnswers, Grade> Check)
{
    /// <summary>What the learner writes: a value (the default), a whole layer or an optimizer step.</summary>
    public ExerciseKind Kind { get; init; } = ExerciseKind.Value;

    /// <summary>Where the learner reads the restated exercise, hints and reasoning.</summary>
    public string Page => $"docs/exercises/{Document[..3]}.md#{Id.Replace('.', '-')}";

    /// <inheritdoc/>
    public override string ToString() => $"{Id} {Title}";
}
