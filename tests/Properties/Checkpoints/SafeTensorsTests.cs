using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Verification.Core;
using Verification.Core.Checkpoints;
using Verification.Properties.Support;
using Xunit;

namespace Verification.Properties.Checkpoints;

public class SafeTensorsTests
{
    private static SafeTensorsEntry[] Sample() =>
    [
        SafeTensorsEntry.FromTensor("0.weight", Tensor.FromValues([1, -2, 3.5f, float.NaN, float.NegativeInfinity, 0], 2, 3)),
        SafeTensorsEntry.FromTensor("0.bias", Tensor.Vector(0.25f, -0.5f)),
        SafeTensorsEntry.FromInt64("1.num_batches_tracked", [7]),
        SafeTensorsEntry.FromUInt32("generator.state", [1u, 0xFFFFFFFFu, 5489u], 3),
    ];

    [Fact]
    public void The_layout_is_length_then_padded_json_header_then_little_endian_data()
    {
        byte[] file = SafeTensorsFile.Serialize([SafeTensorsEntry.FromTensor("w", Tensor.FromValues([1f, 2f], 2))]);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(file);
        string header = Encoding.UTF8.GetString(file, 8, (int)headerLength);
        Assert.Equal("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", header.TrimEnd(' '));
        Assert.Equal(0UL, headerLength % 8);
        Assert.Equal(8 + (int)headerLength + 8, file.Length);
        Assert.Equal(new byte[] { 0, 0, 0x80, 0x3F, 0, 0, 0, 0x40 }, file[^8..]); // 1.0f, 2.0f little-endian
    }

    [Fact]
    public void A_file_round_trips_every_type_and_the_metadata()
    {
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["epoch"] = "37" };
        var parsed = SafeTensorsFile.Parse(SafeTensorsFile.Serialize(Sample(), metadata));
        Assert.Equal(Sample().Select(e => e.Name), parsed.Entries.Select(e => e.Name));
        Assert.Equal(new[] { 2, 3 }, parsed["0.weight"].Shape);
        Assert.Equal(Sample()[0].ToFloats(), parsed["0.weight"].ToFloats());
        Assert.Equal(new long[] { 7 }, parsed["1.num_batches_tracked"].ToInt64s());
        Assert.Empty(parsed["1.num_batches_tracked"].Shape);
        Assert.Equal(new[] { 1u, 0xFFFFFFFFu, 5489u }, parsed["generator.state"].ToUInt32s());
        Assert.Equal("37", parsed.Metadata["epoch"]);
        Assert.Throws<InvalidDataException>(() => parsed["missing"]);
        Assert.Throws<InvalidDataException>(() => parsed["0.weight"].ToInt64s());
    }

    [Property(MaxTest = PropertyCounts.Laws)]
    public Property Any_list_of_float_tensors_round_trips_bit_for_bit(NonEmptyArray<float[]> tensors)
    {
        var entries = tensors.Get.Select((values, i) => SafeTensorsEntry.FromTensor($"t{i}", Tensor.FromValues(values, values.Length))).ToArray();
        var parsed = SafeTensorsFile.Parse(SafeTensorsFile.Serialize(entries));
        bool same = entries.Zip(parsed.Entries).All(p =>
            p.First.Name == p.Second.Name && p.First.Bytes.AsSpan().SequenceEqual(p.Second.Bytes) && p.First.Shape.SequenceEqual(p.Second.Shape));
        return same.Label($"{entries.Length} tensors");
    }

    [Fact]
    public void A_file_truncated_at_any_byte_is_rejected()
    {
        byte[] file = SafeTensorsFile.Serialize(Sample());
        int rejected = 0;
        for (int length = 0; length < file.Length; length++)
        {
            Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(file.AsSpan(0, length)));
            rejected++;
        }
        Assert.Equal(file.Length, rejected);
    }

    [Fact]
    public void A_file_with_bytes_appended_is_rejected()
    {
        byte[] file = [.. SafeTensorsFile.Serialize(Sample()), 0];
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(file));
        Assert.Contains("truncated or padded", ex.Message);
    }

    public static TheoryData<string, string> LyingHeaders() => new()
    {
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", "needs 12 bytes" },
        {
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"v\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}",
            "gap or overlap"
        },
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", "gap or overlap" },
        { "{\"w\":{\"dtype\":\"BF16\",\"shape\":[4],\"data_offsets\":[0,8]}}", "dtype 'BF16'" },
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", "invalid dimension" },
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", "invalid data_offsets" },
        { "{\"w\":{\"dtype\":\"F32\",\"shape\":[2]}}", "two data_offsets" },
        {
            "{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"w\":{\"dtype\":\"F32\",\"shape\":[0],\"data_offsets\":[8,8]}}",
            "twice"
        },
        { "{\"__metadata__\":{\"a\":1},\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", "must be a string" },
        { "[1, 2]", "does not start with" },
        { "{\"w\": nonsense}", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(LyingHeaders))]
    public void A_header_that_lies_about_the_data_is_rejected_with_the_reason(string header, string reason)
    {
        byte[] headerBytes = Encoding.UTF8.GetBytes(header);
        var file = new byte[8 + headerBytes.Length + 8];
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)headerBytes.Length);
        headerBytes.CopyTo(file, 8);
        var ex = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(file));
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void A_header_length_beyond_the_file_or_the_limit_is_rejected()
    {
        byte[] file = SafeTensorsFile.Serialize(Sample());
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)file.Length);
        Assert.Contains("truncated?", Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(file)).Message);
        BinaryPrimitives.WriteUInt64LittleEndian(file, ulong.MaxValue);
        Assert.Contains("allowed", Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(file)).Message);
    }

    [Fact]
    public void Entries_check_their_names_and_sizes()
    {
        Assert.Throws<ArgumentException>(() => SafeTensorsEntry.Create("w", SafeTensorsType.F32, [3], new byte[8]));
        Assert.Throws<ArgumentException>(() => SafeTensorsEntry.Create(SafeTensorsFile.MetadataKey, SafeTensorsType.F32, [0], []));
        Assert.Throws<ArgumentException>(() => SafeTensorsEntry.Create("w", SafeTensorsType.F32, [-1], []));
        Assert.Throws<ArgumentException>(() => SafeTensorsFile.Serialize([Sample()[1], Sample()[1]]));
    }

    [Fact]
    public void A_failed_write_leaves_the_previous_file_intact_and_no_temporary_behind()
    {
        string folder = Directory.CreateTempSubdirectory("safetensors").FullName;
        try
        {
            string path = Path.Combine(folder, "model.safetensors");
            SafeTensorsFile.Write(path, Sample());
            byte[] good = File.ReadAllBytes(path);
            Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
            {
                stream.Write(new byte[100]);
                throw new IOException("disk full (simulated)");
            }));
            Assert.Equal(good, File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(folder));
            Assert.Equal(4, SafeTensorsFile.Read(path).Entries.Count);
            File.WriteAllBytes(path, good[..^3]);
            var ex = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Read(path));
            Assert.Contains(path, ex.Message);
            Assert.Throws<DirectoryNotFoundException>(() => SafeTensorsFile.Write(Path.Combine(folder, "no", "x.safetensors"), Sample()));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
