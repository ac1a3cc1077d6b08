using Verification.Exercises.Documents;
using Verification.Exercises.Grading;

namespace Verification.Exercises;

/// <summary>Every graded exercise, in document order.</summary>
public static class Catalog
{
    /// <summary>All exercises.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
        [.. Document000.All, .. Document001.All, .. Document002.All, .. Document003.All, .. Document004.All,
         .. Document000Stack.All, .. Document003Stack.All, .. Document002Stack.All, .. Toolbox.All];

    /// <summary>The exercise with <paramref name="id"/>.</summary>
    public static Exercise ById(string id) =>
        All.FirstOrDefault(e => e.Id == id) ?? throw new ArgumentException($"no exercise '{id}'.", nameof(id));
}
