using Verification.Workloads;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Lab.Tests;

/// <summary>
/// The calibration's streaming copy moves every float's bits, whatever the destination's alignment and the length
/// (heads before the first aligned vector, tails after the last), at each store width this processor accelerates; the
/// widths it cannot run are named in the output.
/// </summary>
public class StreamingCopyTests(ITestOutputHelper output)
{
    public static TheoryData<int> Widths => new() { 0, 4, 8, 16 };

    [Theory]
    [MemberData(nameof(Widths))]
    public void Copies_every_bit_at_every_offset_and_length_and_leaves_the_rest_alone(int lanes)
    {
        if (!StreamingCopy.IsAccelerated(lanes))
        {
            output.WriteLine($"stores of {lanes} floats: NOT RUN, this process does not accelerate them (widest {StreamingCopy.WidestLanes})");
            return;
        }
        output.WriteLine($"stores of {lanes} floats: run");
        var random = new System.Random(5);
        foreach (int length in new[] { 0, 1, 3, 4, 15, 16, 17, 33, 100, 4099 })
        {
            for (int offset = 0; offset < 17; offset++)
            {
                var source = new float[length];
                for (int i = 0; i < length; i++) source[i] = BitConverter.Int32BitsToSingle(random.Next(int.MinValue, int.MaxValue));
                var destination = new float[offset + length + 5];
                destination.AsSpan().Fill(-7.5f);
                StreamingCopy.Copy(source, destination.AsSpan(offset), lanes);
                for (int i = 0; i < destination.Length; i++)
                {
                    int expected = i >= offset && i < offset + length
                        ? BitConverter.SingleToInt32Bits(source[i - offset]) : BitConverter.SingleToInt32Bits(-7.5f);
                    Assert.True(expected == BitConverter.SingleToInt32Bits(destination[i]),
                        $"lanes {lanes}, length {length}, offset {offset}: float {i} is wrong");
                }
            }
        }
    }

    [Fact]
    public void A_short_destination_is_refused_before_anything_is_written()
    {
        var destination = new float[3];
        var error = Assert.Throws<ArgumentException>(() => StreamingCopy.Copy(new float[4], destination));
        Assert.Equal("destination", error.ParamName);
        Assert.Contains("holds 3 floats but source has 4", error.Message);
        Assert.All(destination, value => Assert.Equal(0f, value));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(-4)]
    [InlineData(32)]
    public void A_width_that_is_not_a_vector_is_refused(int lanes)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => StreamingCopy.Copy(new float[4], new float[4], lanes));
        Assert.Equal("lanes", error.ParamName);
        Assert.Contains("vector width this processor accelerates", error.Message);
    }
}
