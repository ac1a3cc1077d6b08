using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Verification.Core.Checkpoints;

/// <summary>
/// The safetensors layout (the format of Hugging Face's <c>safetensors</c>, which <c>safetensors.torch.load_file</c>
/// reads): an 8-byte little-endian header length N, N bytes of UTF-8 JSON mapping each name to
/// <c>{"dtype", "shape", "data_offsets": [begin, end]}</c> (offsets into the data that follows) plus an optional
/// <c>"__metadata__"</c> object of strings, then the raw little-endian data. Writing is atomic; reading checks the
/// header, every size and offset, and rejects truncated, oversized or inconsistent files instead of loading garbage.
/// </summary>
public static class SafeTensorsFile
{
    /// <summary>The reserved key of the string-to-string metadata.</summary>
    public const string MetadataKey = "__metadata__";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The largest header accepted (the reference implementation's limit).</summary>
    public const long MaxHeaderBytes = 100_000_000;

    /// <summary>Writes the entries (in the order given) and optional metadata to <paramref name="path"/>, atomically.</summary>
    public static void Write(string path, IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata = null)
    {
        byte[] bytes = Serialize(entries, metadata);
        AtomicFile.Write(path, stream => stream.Write(bytes));
    }

    /// <summary>The file's bytes, as <see cref="Write"/> would store them.</summary>
    public static byte[] Serialize(IReadOnlyList<SafeTensorsEntry> entries, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry, nameof(entries));
            if (!names.Add(entry.Name))
            {
                throw new ArgumentException($"tensor name '{entry.Name}' appears twice.", nameof(entries));
            }
        }

        using var headerStream = new MemoryStream();
        using (var json = new Utf8JsonWriter(headerStream))
        {
            json.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (key, value) in metadata.OrderBy(kv => kv.Key, StringComparer.Ordinal))
                {
                    json.WriteString(key, value);
                }
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var entry in entries)
            {
                json.WriteStartObject(entry.Name);
                json.WriteString("dtype", entry.Type.ToString());
                json.WriteStartArray("shape");
                foreach (int d in entry.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + entry.Bytes.Length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += entry.Bytes.Length;
            }
            json.WriteEndObject();
        }

        // Pad the header with spaces to a multiple of 8 so the data starts aligned, as the reference writer does.
        int headerLength = (int)headerStream.Length;
        int padded = (headerLength + 7) / 8 * 8;
        long dataLength = entries.Sum(e => (long)e.Bytes.Length);
        var file = new byte[8 + padded + dataLength];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)padded);
        headerStream.GetBuffer().AsSpan(0, headerLength).CopyTo(file.AsSpan(8));
        file.AsSpan(8 + headerLength, padded - headerLength).Fill((byte)' ');
        long position = 8 + padded;
        foreach (var entry in entries)
        {
            entry.Bytes.CopyTo(file, position);
            position += entry.Bytes.Length;
        }
        return file;
    }

    /// <summary>Reads and validates a file; throws <see cref="InvalidDataException"/> naming the path and the problem.</summary>
    public static SafeTensorsContents Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes = File.ReadAllBytes(path);
        try
        {
            return Parse(bytes);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException($"'{path}' is not a valid safetensors file: {e.Message}", e);
        }
    }

    /// <summary>Parses and validates a file's bytes.</summary>
    public static SafeTensorsContents Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 8)
        {
            throw new InvalidDataException($"the file has {file.Length} bytes, fewer than the 8-byte header length.");
        }
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerLength > MaxHeaderBytes)
        {
            throw new InvalidDataException($"the header claims {headerLength} bytes, more than the {MaxHeaderBytes} allowed.");
        }
        if (headerLength > (ulong)(file.Length - 8))
        {
            throw new InvalidDataException(
                $"the header claims {headerLength} bytes but only {file.Length - 8} follow the length field (truncated?).");
        }
        var header = file.Slice(8, (int)headerLength);
        var data = file.Slice(8 + (int)headerLength);
        if (header.Length == 0 || header[0] != (byte)'{')
        {
            throw new InvalidDataException("the header does not start with '{'.");
        }

        try
        {
            // System.Text.Json reads invalid UTF-8 in property names lazily (and then throws InvalidOperationException).
            _ = StrictUtf8.GetCharCount(header);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException($"the header is not valid UTF-8: {e.Message}");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header.ToArray());
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"the header is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("the header is not a JSON object.");
            }
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var located = new List<(string Name, SafeTensorsType Type, int[] Shape, long Begin, long End)>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new InvalidDataException($"the header names '{property.Name}' twice.");
                }
                if (property.Name == MetadataKey)
                {
                    ReadMetadata(property.Value, metadata);
                    continue;
                }
                located.Add(ReadDescriptor(property.Name, property.Value));
            }

            // The tensors must tile the data exactly: no gap, no overlap, nothing after the last one.
            long expectedBegin = 0;
            foreach (var t in located.OrderBy(t => t.Begin).ThenBy(t => t.End))
            {
                if (t.Begin != expectedBegin)
                {
                    throw new InvalidDataException(
                        $"tensor '{t.Name}' starts at byte {t.Begin} of the data but the previous one ends at {expectedBegin} (gap or overlap).");
                }
                expectedBegin = t.End;
            }
            if (expectedBegin != data.Length)
            {
                throw new InvalidDataException(
                    $"the header describes {expectedBegin} bytes of data but the file holds {data.Length} (truncated or padded).");
            }

            var entries = new SafeTensorsEntry[located.Count];
            for (int i = 0; i < located.Count; i++)
            {
                var t = located[i];
                entries[i] = SafeTensorsEntry.Create(t.Name, t.Type, t.Shape, data.Slice((int)t.Begin, (int)(t.End - t.Begin)).ToArray());
            }
            return new SafeTensorsContents(entries, metadata);
        }
    }

    private static void ReadMetadata(JsonElement value, Dictionary<string, string> metadata)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"'{MetadataKey}' must be an object of strings.");
        }
        foreach (var item in value.EnumerateObject())
        {
            if (item.Value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"metadata '{item.Name}' must be a string.");
            }
            metadata[item.Name] = item.Value.GetString()!;
        }
    }

    private static (string, SafeTensorsType, int[], long, long) ReadDescriptor(string name, JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object
            || !value.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String
            || !value.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !value.TryGetProperty("data_offsets", out var offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array
            || offsetsElement.GetArrayLength() != 2)
        {
            throw new InvalidDataException($"tensor '{name}' needs a string dtype, a shape array and two data_offsets.");
        }
        string dtype = dtypeElement.GetString()!;
        if (!Enum.TryParse<SafeTensorsType>(dtype, ignoreCase: false, out var type) || !Enum.IsDefined(type))
        {
            throw new InvalidDataException($"tensor '{name}' has dtype '{dtype}'; this project reads F32, I64 and U32.");
        }
        var shape = new List<int>();
        long count = 1;
        foreach (var d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out int size) || size < 0)
            {
                throw new InvalidDataException($"tensor '{name}' has an invalid dimension {d} in its shape.");
            }
            shape.Add(size);
            count = checked(count * size);
            if (count > int.MaxValue)
            {
                throw new InvalidDataException($"tensor '{name}' is too large ({Shapes.Format(shape.ToArray())}).");
            }
        }
        var offsets = offsetsElement.EnumerateArray().ToArray();
        if (!offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin)
        {
            throw new InvalidDataException($"tensor '{name}' has invalid data_offsets [{offsets[0]}, {offsets[1]}].");
        }
        long needed = count * SafeTensorsEntry.ElementSize(type);
        if (end - begin != needed)
        {
            throw new InvalidDataException(
                $"tensor '{name}' of shape {Shapes.Format(shape.ToArray())} and dtype {dtype} needs {needed} bytes " +
                $"but its offsets span {end - begin}.");
        }
        return (name, type, shape.ToArray(), begin, end);
    }
}

/// <summary>What a safetensors file holds: its entries (in data order) and metadata.</summary>
public sealed record SafeTensorsContents(IReadOnlyList<SafeTensorsEntry> Entries, IReadOnlyDictionary<string, string> Metadata)
{
    /// <summary>The entry named <paramref name="name"/>, or an <see cref="InvalidDataException"/> naming what is missing.</summary>
    public SafeTensorsEntry this[string name] =>
        Entries.FirstOrDefault(e => e.Name == name)
        ?? throw new InvalidDataException($"the file has no tensor '{name}' (it has {string.Join(", ", Entries.Select(e => e.Name))}).");
}
