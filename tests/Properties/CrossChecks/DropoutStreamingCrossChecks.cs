using Verification.Core;
using Verification.Core.Random;
using Verification.Optimized;
using Verification.Properties.Support;
using Xunit;
using O = Verification.Optimized;
using R = Verification.Reference;

namespace Verification.Properties.CrossChecks;

/// <summary>
/// Outputs of 256 KiB and more take the streaming paths: Dropout2d's plane pass with non-temporal stores (a vector at a
/// time across plane boundaries, planes shorter than a vector included) and Dropout's forward drawn on one thread and
/// multiplied on the other. Both stay bit for bit the Reference at every vector width, specials (NaN, ±∞, −0) included.
/// </summary>
public class DropoutStreamingCrossChecks
{
    /// <summary>Widths × shapes: planes of 1023 elements (a straddling vector per plane), of 1 and 3 (every vector straddles),
    /// of 4096; the last has two pieces (the helper thread takes one).</summary>
    public static TheoryData<int, int[]> ChannelCases()
    {
        var cases = new TheoryData<int, int[]>();
        foreach (int width in new[] { 512, 256, 128, 0 })
        {
            cases.Add(width, [2, 37, 31, 33]);
            cases.Add(width, [1, 70001, 1]);
            cases.Add(width, [3, 23000, 3]);
            cases.Add(width, [2, 65, 64, 64]);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(ChannelCases))]
    public void Dropout2d_streams_large_outputs_bit_identical_to_the_reference(int width, int[] shape)
    {
        int? saved = KernelPaths.Limit;
        KernelPaths.Limit = width;
        try
        {
            var reference = new R.Dropout2d(0.4, new TorchGenerator(7));
            var optimized = new O.Dropout2d(0.4, new TorchGenerator(7));
            string what = $"Dropout2d {CrossCheckGen.Text(shape)} at width {width}";
            for (int pass = 0; pass < 2; pass++)
            {
                Tensor x = CrossCheckGen.ActivationInput(11 + (ulong)pass, shape);
                Compare.Exact(reference.Forward(x), optimized.Forward(x), $"{what}, pass {pass + 1}: y");
                Tensor g = CrossCheckGen.Randn(21 + (ulong)pass, 1f, shape);
                Compare.Exact(reference.Backward(g), optimized.Backward(g), $"{what}, pass {pass + 1}: ∂x");
            }
        }
        finally
        {
            KernelPaths.Limit = saved;
        }
    }
}
