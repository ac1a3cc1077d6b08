using Verification.Core;
using Verification.Reference;

namespace Verification.Exercises.Grading;

/// <summary>
/// The stack the grader uses as its referee: the answer key and the learner's answers both run on it, so a grade
/// compares answers, never implementations. It is the readable Reference stack, the one the exercises teach from.
/// </summary>
internal static class RefereeStack
{
    /// <summary>The Reference stack.</summary>
    public static IStack Stack => ReferenceStack.Instance;
}
