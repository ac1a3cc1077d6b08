namespace Verification.Exercises;

/// <summary>Questions from 004_c66a46257145a448.txt (dropout as noise-based regularisation).</summary>
public partial interface IAnswers
{
    /// <summary>004.1–3 — The letter (A, B or C) of the right option of knowledge-check question 1, 2 or 3.</summary>
    char KnowledgeCheck(int question);

    /// <summary>004.4 — The document's masking picture: zero the listed units (0-based) of a hidden layer, no rescaling.</summary>
    float[] ZeroUnits(float[] hidden, int[] droppedUnits);
}
