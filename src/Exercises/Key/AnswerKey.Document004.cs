namespace Verification.Exercises.Key;

public partial class AnswerKey
{
    /// <summary>
    /// All three answers are A: co-adaptation; noise on activations versus a penalty on weights; a deterministic network at
    /// inference.
    /// </summary>
    public virtual char KnowledgeCheck(int question) => question is >= 1 and <= 3
        ? 'A'
        : throw new ArgumentOutOfRangeException(nameof(question), question, "the document has questions 1, 2 and 3.");

    /// <summary>Zero the listed units; the picture shows the mask alone, before any rescaling.</summary>
    public virtual float[] ZeroUnits(float[] hidden, int[] droppedUnits)
    {
        var result = (float[])hidden.Clone();
        foreach (int unit in droppedUnits) result[unit] = 0f;
        return result;
    }
}
