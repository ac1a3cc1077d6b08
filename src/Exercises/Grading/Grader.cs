namespace Verification.Exercises.Grading;

/// <summary>
/// Runs an exercise's check against a set of answers. A stub that still throws <see cref="NotImplementedException"/>
/// reads as "not attempted", never as a crash; any other exception is a wrong answer whose feedback names it.
/// </summary>
public static class Grader
{
    /// <summary>Grades one exercise.</summary>
    public static Grade Run(Exercise exercise, IAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(answers);
        try
        {
            return exercise.Check(exercise, answers);
        }
        catch (NotImplementedException)
        {
            return new Grade(GradeStatus.NotAttempted, $"not attempted yet — read {exercise.Page}, then fill in the stub.");
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return Grade.Fail($"your answer threw {e.GetType().Name}: {e.Message} (see {exercise.Page}).");
        }
    }

    /// <summary>Grades every exercise of the catalog.</summary>
    public static IReadOnlyList<(Exercise Exercise, Grade Grade)> RunAll(IAnswers answers, IEnumerable<Exercise>? exercises = null) =>
        (exercises ?? Catalog.All).Select(e => (e, Run(e, answers))).ToArray();
}
