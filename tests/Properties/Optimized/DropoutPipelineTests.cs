using Verification.Properties.CrossChecks;
using Xunit;
using Xunit.Abstractions;

namespace Verification.Properties.Optimized;

/// <summary>
/// Dropout's two-thread forward (the draw on one thread, the masked multiply one block behind on the other) at lengths
/// and pass counts <c>DropoutStreamingCrossChecks</c> does not reach: a last block of 2¹⁶ − 1 elements and of one
/// element, and many passes of many blocks through one layer, where a multiply that ran ahead of the draw would read the
/// previous pass's mask. Each pass is the Reference bit for bit, and the generators end in the same state.
/// </summary>
public class DropoutPipelineTests(ITestOutputHelper output)
{
    /// <summary>The pipeline's block (DropoutPipeline.BlockElements): 2¹⁶ elements.</summary>
    private const int Block = 1 << 16;

    /// <summary>Widths × element counts: three blocks but one element (the block count rounds up, not past the end), and
    /// three blocks and one element (a block of one).</summary>
    public static TheoryData<int, int> LengthCases()
    {
        var cases = new TheoryData<int, int>();
        foreach (int width in new[] { 512, 256, 128, 0 })
        {
            cases.Add(width, 3 * Block - 1);
            cases.Add(width, 3 * Block + 1);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(LengthCases))]
    public void A_partial_last_block_of_any_length_is_the_reference_bit_for_bit(int width, int count) =>
        SameAsReference(width, count, passes: 2, p: 0.3);

    /// <summary>
    /// Thirty passes through one layer: every pass re-arms the count of drawn blocks, so no multiply starts on a block
    /// before this pass has drawn it. A pipeline that kept the previous pass's count would let the other thread multiply
    /// the first block with the previous pass's mask; that shows only when the other thread starts within the first
    /// block's draw (about two passes in five here), so a single pass can miss it and thirty almost never do.
    /// </summary>
    [Fact]
    public void Many_passes_through_one_layer_never_multiply_a_block_before_this_pass_drew_it() =>
        SameAsReference(width: 512, count: 2 * Block + 4099, passes: 30, p: 0.5);

    private void SameAsReference(int width, int count, int passes, double p)
    {
        if (Environment.ProcessorCount < 2)
        {
            output.WriteLine($"one processor: Dropout draws and multiplies on one thread, the pipeline is NOT RUN");
        }
        DropoutStreamingCrossChecks.DropoutOnTwoThreadsIsTheReference(width, count, p, passes, skipped: 0, generatorSeed: 29,
            inputSeed: 51);
    }
}
