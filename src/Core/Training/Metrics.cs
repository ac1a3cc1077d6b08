namespace Verification.Core.Training;

/// <summary>
/// The accuracies the documents print, computed as their PyTorch code computes them.
/// Binary: <c>mean((logit &gt; 0) == target)</c>, logits <c>(N, 1)</c> or <c>(N)</c> (document 000:
/// <c>((model(X) &gt; 0).float() == y).float().mean()</c>). Multiclass: <c>mean(argmax(logits, dim=1) == target)</c>,
/// logits <c>(N, C)</c>, targets <c>(N)</c> class indices stored as floats (document 002's <c>evaluate_accuracy</c>).
/// The mean is <c>count / N</c> divided in float, as <c>.float().mean()</c> does; counts below 2²⁴ are exact in float.
/// </summary>
public static class Metrics
{
    /// <summary>The fraction of rows where <c>(logit &gt; 0)</c> equals the 0/1 target.</summary>
    public static float BinaryAccuracy(Tensor logits, Tensor targets) =>
        (float)BinaryCorrect(logits, targets) / logits.Length;

    /// <summary>The number of rows where <c>(logit &gt; 0)</c> equals the 0/1 target.</summary>
    public static int BinaryCorrect(Tensor logits, Tensor targets)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targets);
        if (logits.Length == 0 || logits.Rank is < 1 or > 2 || (logits.Rank == 2 && logits.Size(1) != 1))
        {
            throw new ArgumentException($"binary accuracy expects logits of shape (N, 1) or (N) with N ≥ 1, but got {logits.ShapeText}.",
                nameof(logits));
        }
        if (targets.Length != logits.Length)
        {
            throw new ArgumentException(
                $"targets of shape {targets.ShapeText} do not match logits of shape {logits.ShapeText}.", nameof(targets));
        }
        int correct = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            float predicted = logits.Data[i] > 0f ? 1f : 0f;
            if (predicted == targets.Data[i])
            {
                correct++;
            }
        }
        return correct;
    }

    /// <summary>The fraction of rows whose first maximal logit sits at the target class.</summary>
    public static float MulticlassAccuracy(Tensor logits, Tensor targetIndices) =>
        (float)MulticlassCorrect(logits, targetIndices) / logits.Size(0);

    /// <summary>The number of rows whose first maximal logit sits at the target class.</summary>
    public static int MulticlassCorrect(Tensor logits, Tensor targetIndices)
    {
        ArgumentNullException.ThrowIfNull(logits);
        ArgumentNullException.ThrowIfNull(targetIndices);
        if (logits.Rank != 2 || logits.Size(0) == 0 || logits.Size(1) == 0)
        {
            throw new ArgumentException($"multiclass accuracy expects logits of shape (N, C) with N, C ≥ 1, but got {logits.ShapeText}.",
                nameof(logits));
        }
        int rows = logits.Size(0);
        if (targetIndices.Length != rows || targetIndices.Rank > 2 || (targetIndices.Rank == 2 && targetIndices.Size(1) != 1))
        {
            throw new ArgumentException(
                $"target indices of shape {targetIndices.ShapeText} do not match logits of shape {logits.ShapeText} (expected ({rows})).",
                nameof(targetIndices));
        }
        int correct = 0;
        for (int i = 0; i < rows; i++)
        {
            if (ArgMax(logits, i) == targetIndices.Data[i])
            {
                correct++;
            }
        }
        return correct;
    }

    /// <summary>
    /// <c>argmax</c> of row <paramref name="row"/>: the first index of the maximum; as in <c>torch.argmax</c>,
    /// a NaN counts as larger than every number (the first NaN wins).
    /// </summary>
    public static int ArgMax(Tensor logits, int row)
    {
        Shapes.RequireRank(logits, 2, nameof(logits), "argmax over classes");
        if ((uint)row >= (uint)logits.Size(0))
        {
            throw new ArgumentOutOfRangeException(nameof(row), row, $"row must be in [0, {logits.Size(0)}) for logits of shape {logits.ShapeText}.");
        }
        int classes = logits.Size(1);
        if (classes == 0)
        {
            throw new ArgumentException($"argmax over zero classes is undefined, got logits of shape {logits.ShapeText}.", nameof(logits));
        }
        int offset = row * classes;
        int best = 0;
        float bestValue = logits.Data[offset];
        for (int c = 1; c < classes && !float.IsNaN(bestValue); c++)
        {
            float v = logits.Data[offset + c];
            if (v > bestValue || float.IsNaN(v))
            {
                best = c;
                bestValue = v;
            }
        }
        return best;
    }

    /// <summary>The generalisation gap the documents report: <c>train − validation</c>.</summary>
    public static float Gap(float train, float validation) => train - validation;
}
