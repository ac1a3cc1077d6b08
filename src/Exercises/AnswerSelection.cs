namespace Verification.Exercises;

/// <summary>
/// Which answers the graded tests and the scorecard run against. The one switch is the environment variable
/// <c>VERIFICATION_ANSWERS</c>: <c>workbook</c> selects the learner's <see cref="Workbook.Workbook"/>; unset or
/// <c>key</c> selects <see cref="Key.AnswerKey"/>, which keeps CI green.
/// </summary>
public static class AnswerSelection
{
    /// <summary>The environment variable's name.</summary>
    public const string Variable = "VERIFICATION_ANSWERS";

    /// <summary>The answers named by <paramref name="name"/> ("key" or "workbook").</summary>
    public static IAnswers ByName(string? name) => (name ?? "key").Trim().ToLowerInvariant() switch
    {
        "" or "key" => new Key.AnswerKey(),
        "workbook" => new Workbook.Workbook(),
        _ => throw new ArgumentException($"{Variable} must be 'key' or 'workbook', but got '{name}'.", nameof(name)),
    };

    /// <summary>The answers the environment selects.</summary>
    public static IAnswers FromEnvironment() => ByName(Environment.GetEnvironmentVariable(Variable));
}
