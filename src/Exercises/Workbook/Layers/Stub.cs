namespace Verification.Exercises.Workbook.Layers;

/// <summary>What an untouched stub throws: the grader reads it as "not attempted" and points at the exercise's page.</summary>
internal static class Stub
{
    /// <summary>
    /// The exception for <paramref name="exercise"/> ("000.L1"). <paramref name="saved"/> is the state the stub's backward
    /// will read; passing it here keeps the compiler from calling the field unused before the learner writes the body.
    /// </summary>
    public static NotImplementedException Todo(string exercise, object? saved = null)
    {
        _ = saved;
        return new($"Exercise {exercise} is not attempted yet: read docs/exercises/{exercise[..3]}.md#{exercise.Replace('.', '-')}, " +
                   "then replace this throw.");
    }
}
