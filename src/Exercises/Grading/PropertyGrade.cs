using FsCheck;
using FsCheck.Fluent;

namespace Verification.Exercises.Grading;

/// <summary>
/// Grades an answer by a property over generated inputs (FsCheck). On failure the feedback carries FsCheck's shrunk
/// counterexample: the smallest input on which the answer is wrong.
/// </summary>
public static class PropertyGrade
{
    /// <summary>How many generated cases an answer must survive.</summary>
    public const int Cases = 200;

    /// <summary>
    /// Checks <paramref name="holds"/> over <paramref name="inputs"/>. Call the answer once before this (outside the
    /// property) so that an unattempted stub surfaces as "not attempted" rather than as a counterexample.
    /// </summary>
    public static Grade Check<T>(Exercise exercise, Arbitrary<T> inputs, Func<T, bool> holds, string why)
    {
        try
        {
            FsCheck.Check.One(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true), Prop.ForAll(inputs, holds));
            return Grade.Pass();
        }
        catch (Exception e) when (e is not NotImplementedException and not OutOfMemoryException)
        {
            string shrunk = ShrunkPart(e.Message);
            return Grade.Fail($"{why} Smallest input on which your answer is wrong (shrunk by FsCheck): {shrunk} (see {exercise.Page})");
        }
    }

    /// <summary>The smallest failing input from FsCheck's report: the "Shrunk" value if it shrank, else the original.</summary>
    public static string ShrunkPart(string message)
    {
        string flat = string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        int at = flat.LastIndexOf("Shrunk:", StringComparison.Ordinal);
        int length = "Shrunk:".Length;
        if (at < 0)
        {
            at = flat.LastIndexOf("Original:", StringComparison.Ordinal);
            length = "Original:".Length;
        }
        if (at < 0) return flat;
        string value = flat[(at + length)..];
        int end = value.IndexOf(" with exception", StringComparison.Ordinal);
        return (end >= 0 ? value[..end] : value).Trim();
    }
}
