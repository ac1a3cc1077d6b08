using Verification.Core;
using Verification.Reference;

namespace Verification.Exercises.Documents;

/// <summary>The stack the grader hands to layer exercises: the readable Reference implementation.</summary>
internal static class GradingStack
{
    public static IStack Stack => ReferenceStack.Instance;
}
