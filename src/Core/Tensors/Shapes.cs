namespace Verification.Core;

/// <summary>Shape arithmetic and the shape checks every public entry point uses.</summary>
public static class Shapes
{
    /// <summary>A shape as PyTorch prints it: <c>[60, 20]</c>.</summary>
    public static string Format(ReadOnlySpan<int> shape) => "[" + string.Join(", ", shape.ToArray()) + "]";

    /// <summary>The element count of <paramref name="shape"/>; rejects negative sizes and counts over int.MaxValue.</summary>
    public static int CheckedElementCount(int[] shape, string argumentName)
    {
        ArgumentNullException.ThrowIfNull(shape, argumentName);
        long count = 1;
        foreach (int size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentException($"sizes must be non-negative, but got shape {Format(shape)}.", argumentName);
            }
            count *= size;
            if (count > Array.MaxLength)
            {
                throw new ArgumentException($"shape {Format(shape)} has more elements than one array can hold.", argumentName);
            }
        }
        return (int)count;
    }

    /// <summary>Throws unless <paramref name="actual"/> has exactly the shape of <paramref name="expected"/>.</summary>
    public static void RequireSame(Tensor actual, Tensor expected, string argumentName, string what)
    {
        ArgumentNullException.ThrowIfNull(actual, argumentName);
        ArgumentNullException.ThrowIfNull(expected);
        if (!actual.SameShape(expected))
        {
            throw new ArgumentException(
                $"{what}: expected shape {expected.ShapeText} but got {actual.ShapeText}.", argumentName);
        }
    }

    /// <summary>Throws unless <paramref name="tensor"/> has rank <paramref name="rank"/>.</summary>
    public static void RequireRank(Tensor tensor, int rank, string argumentName, string what)
    {
        ArgumentNullException.ThrowIfNull(tensor, argumentName);
        if (tensor.Rank != rank)
        {
            throw new ArgumentException(
                $"{what}: expected a {rank}-D tensor but got shape {tensor.ShapeText}.", argumentName);
        }
    }

    /// <summary>Throws unless the tensor has at least one element.</summary>
    public static void RequireNonEmpty(Tensor tensor, string argumentName, string what)
    {
        ArgumentNullException.ThrowIfNull(tensor, argumentName);
        if (tensor.Length == 0)
        {
            throw new ArgumentException($"{what}: expected a non-empty tensor but got shape {tensor.ShapeText}.", argumentName);
        }
    }
}
