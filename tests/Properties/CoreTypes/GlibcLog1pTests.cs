using System.Globalization;
using System.Text.Json;
using Xunit;
using Verification.Core.Random;

namespace Verification.Properties.CoreTypes;

/// <summary>
/// <see cref="GlibcLog1p"/> against glibc's own <c>log1p</c> (tests/Golden/glibc/log1p.json, tools/golden/glibc_log1p.py)
/// bit for bit. NumPy's ziggurat tail only ever asks for log1p of −U, so numpy.json never reaches the branch edges
/// of s_log1p.c; these cases sit on both sides of each threshold, one theory row per branch.
/// </summary>
public class GlibcLog1pTests
{
    private static readonly IReadOnlyList<(string Why, ulong X, ulong Y)> Cases = Load();

    public static TheoryData<string> Branches() => new(Cases.Select(c => c.Why).Distinct());

    [Fact]
    public void The_golden_file_covers_every_branch_edge() => Assert.True(Cases.Count > 700 && Cases.Select(c => c.Why).Distinct().Count() >= 15);

    [Theory]
    [MemberData(nameof(Branches))]
    public void Log1p_matches_glibc_bit_for_bit(string why)
    {
        var wrong = new List<string>();
        foreach (var (_, xBits, yBits) in Cases.Where(c => c.Why == why))
        {
            double x = BitConverter.UInt64BitsToDouble(xBits), expected = BitConverter.UInt64BitsToDouble(yBits);
            double actual = GlibcLog1p.Log1p(x);
            // glibc's NaN payload is not part of the contract; any NaN answers a NaN.
            bool same = double.IsNaN(expected) ? double.IsNaN(actual) : BitConverter.DoubleToUInt64Bits(actual) == yBits;
            if (!same) wrong.Add($"log1p({x:R} = 0x{xBits:x16}) = 0x{BitConverter.DoubleToUInt64Bits(actual):x16}, glibc 0x{yBits:x16}");
        }
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static List<(string, ulong, ulong)> Load()
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Golden", "glibc", "log1p.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray()
            .Select(c => (c.GetProperty("why").GetString()!, Hex(c, "x"), Hex(c, "y"))).ToList();
    }

    private static ulong Hex(JsonElement c, string name) => ulong.Parse(c.GetProperty(name).GetString()!, NumberStyles.HexNumber);
}
