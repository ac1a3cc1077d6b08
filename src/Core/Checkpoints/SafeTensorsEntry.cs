namespace Verification.Core.Checkpoints;

/// <summary>The element types this project writes and reads in safetensors files.</summary>
public enum SafeTensorsType
{
    /// <summary>float32 (<c>"F32"</c>): parameters, running statistics, optimizer moments.</summary>
    F32,

    /// <summary>int64 (<c>"I64"</c>): counters such as BatchNorm's <c>num_batches_tracked</c> and Adam's step.</summary>
    I64,

    /// <summary>uint32 (<c>"U32"</c>): the Mersenne Twister's state words.</summary>
    U32,
}

/// <summary>One named tensor of a safetensors file: its type, shape and little-endian bytes.</summary>
public sealed class SafeTensorsEntry
{
    private SafeTensorsEntry(string name, SafeTensorsType type, int[] shape, byte[] bytes)
    {
        Name = name;
        Type = type;
        Shape = shape;
        Bytes = bytes;
    }

    /// <summary>The key, e.g. <c>0.weight</c>.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public SafeTensorsType Type { get; }

    /// <summary>The shape (empty for a scalar).</summary>
    public int[] Shape { get; }

    /// <summary>The raw little-endian data.</summary>
    public byte[] Bytes { get; }

    /// <summary>Element count of <see cref="Shape"/>.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Bytes per element of a type.</summary>
    public static int ElementSize(SafeTensorsType type) => type switch
    {
        SafeTensorsType.F32 => 4,
        SafeTensorsType.U32 => 4,
        SafeTensorsType.I64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown safetensors type."),
    };

    /// <summary>A float32 entry holding a copy of the tensor.</summary>
    public static SafeTensorsEntry FromTensor(string name, Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        var bytes = new byte[tensor.Length * 4];
        for (int i = 0; i < tensor.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), tensor.Data[i]);
        }
        return Create(name, SafeTensorsType.F32, tensor.Shape, LittleEndian(bytes, 4));
    }

    /// <summary>An int64 entry.</summary>
    public static SafeTensorsEntry FromInt64(string name, long[] values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bytes = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 8), values[i]);
        }
        return Create(name, SafeTensorsType.I64, shape, LittleEndian(bytes, 8));
    }

    /// <summary>A uint32 entry.</summary>
    public static SafeTensorsEntry FromUInt32(string name, uint[] values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(i * 4), values[i]);
        }
        return Create(name, SafeTensorsType.U32, shape, LittleEndian(bytes, 4));
    }

    /// <summary>An entry from raw little-endian bytes; checks that the byte count matches the shape.</summary>
    public static SafeTensorsEntry Create(string name, SafeTensorsType type, int[] shape, byte[] bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(shape);
        ArgumentNullException.ThrowIfNull(bytes);
        if (name == SafeTensorsFile.MetadataKey)
        {
            throw new ArgumentException($"'{SafeTensorsFile.MetadataKey}' is reserved for metadata.", nameof(name));
        }
        if (shape.Any(d => d < 0))
        {
            throw new ArgumentException($"tensor '{name}': sizes must be non-negative, got {Shapes.Format(shape)}.", nameof(shape));
        }
        long expected = shape.Aggregate(1L, (a, b) => a * b) * ElementSize(type);
        if (expected != bytes.Length)
        {
            throw new ArgumentException(
                $"tensor '{name}': shape {Shapes.Format(shape)} of {type} needs {expected} bytes, got {bytes.Length}.", nameof(bytes));
        }
        return new SafeTensorsEntry(name, type, (int[])shape.Clone(), bytes);
    }

    /// <summary>The values as float32 (F32 entries only).</summary>
    public float[] ToFloats()
    {
        RequireType(SafeTensorsType.F32);
        var values = new float[Bytes.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BitConverter.ToSingle(Native(Bytes.AsSpan(i * 4, 4)));
        }
        return values;
    }

    /// <summary>The values as int64 (I64 entries only).</summary>
    public long[] ToInt64s()
    {
        RequireType(SafeTensorsType.I64);
        var values = new long[Bytes.Length / 8];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BitConverter.ToInt64(Native(Bytes.AsSpan(i * 8, 8)));
        }
        return values;
    }

    /// <summary>The values as uint32 (U32 entries only).</summary>
    public uint[] ToUInt32s()
    {
        RequireType(SafeTensorsType.U32);
        var values = new uint[Bytes.Length / 4];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = BitConverter.ToUInt32(Native(Bytes.AsSpan(i * 4, 4)));
        }
        return values;
    }

    private void RequireType(SafeTensorsType type)
    {
        if (Type != type)
        {
            throw new InvalidDataException($"tensor '{Name}' is {Type}, not {type}.");
        }
    }

    // safetensors stores little-endian; on a big-endian machine every element is reversed on the way in and out.
    private static byte[] LittleEndian(byte[] nativeBytes, int size)
    {
        if (!BitConverter.IsLittleEndian)
        {
            for (int i = 0; i < nativeBytes.Length; i += size) Array.Reverse(nativeBytes, i, size);
        }
        return nativeBytes;
    }

    private static ReadOnlySpan<byte> Native(Span<byte> littleEndian)
    {
        if (BitConverter.IsLittleEndian) return littleEndian;
        var copy = littleEndian.ToArray();
        Array.Reverse(copy);
        return copy;
    }
}
