using Verification.Core.Documents;
using Verification.Exercises.Grading;

namespace Verification.Exercises.Documents;

/// <summary>The exercises of 004_c66a46257145a448.txt: its three knowledge-check questions and its masking picture.</summary>
public static class Document004
{
    /// <summary>The document's file name.</summary>
    public const string File = CourseDocuments.Document004;

    private static readonly string[] Explanations =
    [
        "Dropout targets fragile co-adaptation: a unit should stay useful when partners are missing. It keeps gradients and non-linearities.",
        "Weight decay penalises large weights directly; dropout injects noise into activations. Both regularise, but they are not the same " +
            "operation.",
        "Inference should be deterministic: the same input must give the same prediction, so no units are dropped at test time.",
    ];

    /// <summary>Every exercise of the document.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        .. Enumerable.Range(1, 3).Select(q => new Exercise($"004.{q}", File, $"Knowledge Check, question {q}",
            q switch { 1 => "What dropout discourages", 2 => "Dropout versus weight decay", _ => "Why inference differs" },
            1, Difficulty.Warmup, (e, a) => Knowledge(e, a, q))),
        new("004.4", File, "Concept 1 (the masking picture)", "Zero the dropped units", 1, Difficulty.Warmup, ZeroUnits),
    ];

    private static Grade Knowledge(Exercise e, IAnswers answers, int question)
    {
        char answer = char.ToUpperInvariant(answers.KnowledgeCheck(question));
        return answer == 'A'
            ? Grade.Pass()
            : Grade.Fail($"question {question}: the right option is A, you chose {answer}. {Explanations[question - 1]} (see {e.Page})");
    }

    private static Grade ZeroUnits(Exercise e, IAnswers answers) =>
        Feedback.Numbers(e, "[0.8, 0.1, 1.2, 0.7, 0.4] with units 1 and 3 dropped", [0.8, 0, 1.2, 0, 0.4],
            answers.ZeroUnits([0.8f, 0.1f, 1.2f, 0.7f, 0.4f], [1, 3]).Select(v => (double)v).ToArray(), 1e-6,
            "The picture shows the mask alone: dropped units become 0, the others are unchanged (the rescaling is a separate step).",
            (v => Feedback.Near(v, [0, 0.1, 0, 0.7, 0]), "you zeroed the kept units instead of the dropped ones"));
}
