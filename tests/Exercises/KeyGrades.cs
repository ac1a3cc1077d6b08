using System.Collections.Concurrent;
using Verification.Exercises.Grading;
using Verification.Exercises.Key;

namespace Verification.Exercises.Tests;

/// <summary>
/// The answer key's grade of each exercise, graded once per test run and read by every test that grades the key (one
/// exercise at a time, the whole scorecard, the laws of the whole-layer exercises). Grading is deterministic, and
/// document 000's exercises train its network for seconds each, so grading the key once per test was most of this
/// project's time.
/// </summary>
internal static class KeyGrades
{
    private static readonly ConcurrentDictionary<string, Lazy<Grade>> Grades = new(StringComparer.Ordinal);

    /// <summary>The key's grade of <paramref name="exercise"/>.</summary>
    public static Grade Of(Exercise exercise) =>
        Grades.GetOrAdd(exercise.Id, _ => new Lazy<Grade>(() => Grader.Run(exercise, new AnswerKey()))).Value;

    /// <summary>The key's grade of every exercise, in catalog order (what <see cref="Grader.RunAll"/> returns for the key).</summary>
    public static IReadOnlyList<(Exercise Exercise, Grade Grade)> All() => Catalog.All.Select(e => (e, Of(e))).ToArray();
}
