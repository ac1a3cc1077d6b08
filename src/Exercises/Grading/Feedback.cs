using System.Globalization;

namespace Verification.Exercises.Grading;

/// <summary>Builds feedback that teaches: what was expected, what came back, why, and where to read.</summary>
public static class Feedback
{
    /// <summary>Compares numbers within <paramref name="tolerance"/>; on a mismatch explains with <paramref name="why"/>.</summary>
    public static Grade Numbers(Exercise exercise, string what, IReadOnlyList<double> expected, IReadOnlyList<double> actual,
        double tolerance, string why, params (Func<IReadOnlyList<double>, bool> Matches, string Diagnosis)[] knownMistakes)
    {
        if (actual is null)
        {
            return Grade.Fail($"{what}: your answer was null. Expected [{Format(expected)}]. {why} (see {exercise.Page})");
        }
        bool ok = expected.Count == actual.Count
                  && expected.Zip(actual).All(p => Math.Abs(p.First - p.Second) <= tolerance * Math.Max(1, Math.Abs(p.First)));
        if (ok)
        {
            return Grade.Pass();
        }
        string diagnosis = knownMistakes.FirstOrDefault(m => m.Matches(actual)).Diagnosis;
        return Grade.Fail(
            $"{what}: expected [{Format(expected)}] but got [{Format(actual)}]." +
            (diagnosis is null ? "" : $" It looks like {diagnosis}.") +
            $" {why} (see {exercise.Page})");
    }

    /// <summary>Single-number overload.</summary>
    public static Grade Number(Exercise exercise, string what, double expected, double actual, double tolerance, string why,
        params (Func<double, bool> Matches, string Diagnosis)[] knownMistakes) =>
        Numbers(exercise, what, [expected], [actual], tolerance, why,
            knownMistakes.Select(m => ((Func<IReadOnlyList<double>, bool>)(v => v.Count == 1 && m.Matches(v[0])), m.Diagnosis)).ToArray());

    /// <summary>True when two lists agree within a relative tolerance.</summary>
    public static bool Near(IReadOnlyList<double> a, IReadOnlyList<double> b, double tolerance = 1e-6) =>
        a.Count == b.Count && a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= tolerance * Math.Max(1, Math.Abs(p.First)));

    /// <summary>Numbers as the feedback prints them.</summary>
    public static string Format(IEnumerable<double> values) =>
        string.Join(", ", values.Select(v => v.ToString("0.######", CultureInfo.InvariantCulture)));
}
