using Verification.Core.Random;

namespace Verification.Core.Data;

/// <summary>
/// The tensors of <see cref="FourClassData"/>: inputs <c>(1400, 50)</c> and <c>(600, 50)</c>, labels <c>(1400)</c> and
/// <c>(600)</c> as class indices stored in floats, and the hidden weights <c>(50, 4)</c>.
/// </summary>
public sealed record FourClassDataset(Tensor TrainInputs, Tensor TrainLabels, Tensor ValidationInputs, Tensor ValidationLabels,
    Tensor TrueWeights);

/// <summary>
/// Document 002 (seeds/002_91f9a1e79ea80b56.txt, the dropout + BatchNorm comparison's data lines after
/// <c>manual_seed(0)</c>): 2000 samples of 50 standard-normal features; hidden weights <c>W: (50, 4)</c> zero except
/// the first 10 rows, which are standard normal; label = first argmax of <c>x·W</c>; the first 70 % (1400 rows)
/// train, the rest (600) validate. Draw order: <c>randn(2000, 50)</c>, then <c>randn(10, 4)</c> (40 values, the
/// 16-block path with its tail redrawn).
/// The scores <c>x·W</c> are summed in double and rounded once to float: the correctly rounded product is the
/// best stand-in for whatever order PyTorch's BLAS sums in, and a label can differ from PyTorch's only where two
/// classes' scores agree to within a few float ulps.
/// </summary>
public static class FourClassData
{
    /// <summary>The document's sizes.</summary>
    public const int Count = 2000, Features = 50, Classes = 4, InformativeFeatures = 10, TrainCount = 1400;

    /// <summary>Draws the dataset from <paramref name="generator"/> (seed it with 0 for the document's run).</summary>
    public static FourClassDataset Create(TorchGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        Tensor inputs = generator.Randn(Count, Features);
        var trueWeights = new Tensor(Features, Classes);
        Tensor informative = generator.Randn(InformativeFeatures, Classes);
        Array.Copy(informative.Data, trueWeights.Data, informative.Length);
        Tensor labels = Labels(inputs, trueWeights);
        return new FourClassDataset(
            Rows(inputs, 0, TrainCount), Rows(labels, 0, TrainCount),
            Rows(inputs, TrainCount, Count - TrainCount), Rows(labels, TrainCount, Count - TrainCount),
            trueWeights);
    }

    /// <summary><c>argmax(x @ W, dim=1)</c> (first maximum) for <c>x: (N, D)</c>, <c>W: (D, C)</c>; returns <c>(N)</c> floats.</summary>
    public static Tensor Labels(Tensor inputs, Tensor weights)
    {
        Shapes.RequireRank(inputs, 2, nameof(inputs), "four-class labels");
        Shapes.RequireRank(weights, 2, nameof(weights), "four-class labels");
        int rows = inputs.Size(0), depth = inputs.Size(1), classes = weights.Size(1);
        if (weights.Size(0) != depth)
        {
            throw new ArgumentException(
                $"mat1 and mat2 shapes cannot be multiplied ({rows}x{depth} and {weights.Size(0)}x{classes})", nameof(weights));
        }
        if (classes == 0)
        {
            throw new ArgumentException($"labels need at least one class, but weights have shape {weights.ShapeText}.", nameof(weights));
        }
        var scores = new Tensor(rows, classes);
        for (int i = 0; i < rows; i++)
        {
            for (int c = 0; c < classes; c++)
            {
                double sum = 0;
                for (int k = 0; k < depth; k++)
                {
                    sum += (double)inputs.Data[i * depth + k] * weights.Data[k * classes + c];
                }
                scores.Data[i * classes + c] = (float)sum;
            }
        }
        var labels = new Tensor(rows);
        for (int i = 0; i < rows; i++)
        {
            labels.Data[i] = Training.Metrics.ArgMax(scores, i);
        }
        return labels;
    }

    private static Tensor Rows(Tensor source, int start, int count)
    {
        int[] shape = source.Shape;
        int rowLength = source.Length / shape[0];
        shape[0] = count;
        var rows = new Tensor(shape);
        Array.Copy(source.Data, start * rowLength, rows.Data, 0, count * rowLength);
        return rows;
    }
}
