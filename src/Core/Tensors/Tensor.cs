using System.Runtime.CompilerServices;

namespace Verification.Core;

/// <summary>
/// A float32 tensor: one contiguous row-major buffer and a shape. Element (i, j) of an (R, C) tensor is
/// <c>Data[i * C + j]</c>. <see cref="Reshape"/> returns a view that shares the buffer, as
/// <c>torch.Tensor.view</c> does on a contiguous tensor.
/// </summary>
public sealed class Tensor
{
    private readonly int[] _shape;

    /// <summary>The elements in row-major order. Shared with every view of this tensor.</summary>
    public float[] Data { get; }

    /// <summary>A zero-filled tensor of the given shape.</summary>
    public Tensor(params int[] shape) : this(new float[Shapes.CheckedElementCount(shape, nameof(shape))], shape) { }

    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of the given shape.</summary>
    public Tensor(float[] data, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(data);
        long count = Shapes.CheckedElementCount(shape, nameof(shape));
        if (count != data.Length)
        {
            throw new ArgumentException(
                $"shape {Shapes.Format(shape)} holds {count} elements but data has {data.Length}.", nameof(data));
        }
        Data = data;
        _shape = (int[])shape.Clone();
    }

    /// <summary>The shape, outermost dimension first. A copy: changing it does not change the tensor.</summary>
    public int[] Shape => (int[])_shape.Clone();

    /// <summary>The number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>The number of elements.</summary>
    public int Length => Data.Length;

    /// <summary>The size of one dimension; negative axes count from the end, as in PyTorch.</summary>
    public int Size(int axis)
    {
        int a = axis < 0 ? axis + _shape.Length : axis;
        if ((uint)a >= (uint)_shape.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(axis), axis,
                $"axis must be in [-{_shape.Length}, {_shape.Length - 1}] for a tensor of shape {ShapeText}.");
        }
        return _shape[a];
    }

    /// <summary>The shape as PyTorch prints it, e.g. <c>[8, 37]</c>.</summary>
    public string ShapeText => Shapes.Format(_shape);

    /// <summary>The elements as a span.</summary>
    public Span<float> AsSpan() => Data;

    /// <summary>Element at a flat (row-major) index.</summary>
    public float this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Data[index];
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        set => Data[index] = value;
    }

    /// <summary>Element (row, column) of a 2-D tensor.</summary>
    public float this[int row, int column]
    {
        get => Data[Offset2(row, column)];
        set => Data[Offset2(row, column)] = value;
    }

    /// <summary>Element at a full multi-index.</summary>
    public float this[params int[] index]
    {
        get => Data[Offset(index)];
        set => Data[Offset(index)] = value;
    }

    /// <summary>A view of the same data with another shape; one dimension may be -1 (inferred).</summary>
    public Tensor Reshape(params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int[] resolved = (int[])shape.Clone();
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < resolved.Length; i++)
        {
            if (resolved[i] == -1)
            {
                if (inferred >= 0)
                {
                    throw new ArgumentException($"only one dimension can be inferred, got {Shapes.Format(shape)}.", nameof(shape));
                }
                inferred = i;
            }
            else if (resolved[i] < 0)
            {
                throw new ArgumentException($"invalid shape dimension {resolved[i]} in {Shapes.Format(shape)}.", nameof(shape));
            }
            else
            {
                known *= resolved[i];
            }
        }
        if (inferred >= 0)
        {
            if (known == 0 || Length % known != 0)
            {
                throw new ArgumentException(
                    $"shape '{Shapes.Format(shape)}' is invalid for input of size {Length}.", nameof(shape));
            }
            resolved[inferred] = (int)(Length / known);
            known *= resolved[inferred];
        }
        if (known != Length)
        {
            throw new ArgumentException($"shape '{Shapes.Format(shape)}' is invalid for input of size {Length}.", nameof(shape));
        }
        return new Tensor(Data, resolved);
    }

    /// <summary>A deep copy.</summary>
    public Tensor Clone() => new((float[])Data.Clone(), _shape);

    /// <summary>True when both tensors have the same shape.</summary>
    public bool SameShape(Tensor other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _shape.AsSpan().SequenceEqual(other._shape);
    }

    /// <summary>True when the shape equals <paramref name="shape"/>.</summary>
    public bool HasShape(params int[] shape) => _shape.AsSpan().SequenceEqual(shape);

    /// <summary>A tensor of zeros.</summary>
    public static Tensor Zeros(params int[] shape) => new(shape);

    /// <summary>A tensor with every element equal to <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var t = new Tensor(shape);
        Array.Fill(t.Data, value);
        return t;
    }

    /// <summary>A tensor of ones.</summary>
    public static Tensor Ones(params int[] shape) => Full(1f, shape);

    /// <summary>A copy of <paramref name="values"/> as a tensor of the given shape.</summary>
    public static Tensor FromValues(float[] values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Tensor((float[])values.Clone(), shape);
    }

    /// <summary>A 1-D tensor holding a copy of <paramref name="values"/>.</summary>
    public static Tensor Vector(params float[] values) => FromValues(values, values.Length);

    /// <inheritdoc/>
    public override string ToString()
    {
        const int shown = 8;
        var head = string.Join(", ", Data.Take(shown).Select(v => v.ToString("G9", System.Globalization.CultureInfo.InvariantCulture)));
        return $"Tensor{ShapeText} [{head}{(Length > shown ? ", …" : "")}]";
    }

    private int Offset2(int row, int column)
    {
        if (_shape.Length != 2)
        {
            throw new InvalidOperationException($"two indices given for a tensor of shape {ShapeText}.");
        }
        if ((uint)row >= (uint)_shape[0] || (uint)column >= (uint)_shape[1])
        {
            throw new IndexOutOfRangeException($"index ({row}, {column}) is out of bounds for shape {ShapeText}.");
        }
        return row * _shape[1] + column;
    }

    private int Offset(int[] index)
    {
        if (index.Length != _shape.Length)
        {
            throw new ArgumentException($"{index.Length} indices given for a tensor of shape {ShapeText}.", nameof(index));
        }
        int offset = 0;
        for (int d = 0; d < index.Length; d++)
        {
            if ((uint)index[d] >= (uint)_shape[d])
            {
                throw new IndexOutOfRangeException(
                    $"index {index[d]} is out of bounds for dimension {d} with size {_shape[d]} (shape {ShapeText}).");
            }
            offset = offset * _shape[d] + index[d];
        }
        return offset;
    }
}
