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
    /// <summary>The pipeline's block (DropoutPipeline.BlockElements): 2¹⁶ elements.</summary>
    private const int Block = 1 << 16;

    /// <summary>Widths × shapes: planes of 1023 elements (a straddling vector per plane), of 1 and 3 (every vector straddles),
    /// and, once, of 4096 in two pieces (the helper thread takes one).</summary>
    public static TheoryData<int, int[]> ChannelCases()
    {
        var cases = new TheoryData<int, int[]>();
        foreach (int width in new[] { 512, 256, 128, 0 })
        {
            cases.Add(width, [2, 37, 31, 33]);
            cases.Add(width, [1, 70001, 1]);
            cases.Add(width, [3, 23000, 3]);
        }
        cases.Add(512, [2, 65, 64, 64]);
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

    /// <summary>Widths × (element count, words drawn before): 2 blocks exactly, and 3 blocks with a partial last one
    /// from an odd read position (a pair straddles every refill).</summary>
    public static TheoryData<int, int, int> ElementCases()
    {
        var cases = new TheoryData<int, int, int>();
        foreach (int width in new[] { 512, 256, 128, 0 })
        {
            cases.Add(width, 2 * Block, 0);
            cases.Add(width, 2 * Block + 1001, 1);
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(ElementCases))]
    public void Dropout_drawn_on_one_thread_and_multiplied_on_the_other_is_bit_identical_to_the_reference(int width, int count, int skipped) =>
        DropoutOnTwoThreadsIsTheReference(width, count, p: 0.5, passes: 2, skipped, generatorSeed: 5, inputSeed: 31);

    /// <summary>
    /// Dropout(<paramref name="p"/>) at <paramref name="width"/> bits on two threads against the Reference, bit for bit,
    /// through <paramref name="passes"/> forward and backward passes of one layer (inputs from
    /// <paramref name="inputSeed"/> + pass, upstream gradients from <paramref name="inputSeed"/> + 10 + pass), after
    /// <paramref name="skipped"/> words drawn from both generators; the generators end in the same state.
    /// </summary>
    internal static void DropoutOnTwoThreadsIsTheReference(int width, int count, double p, int passes, int skipped,
        ulong generatorSeed, ulong inputSeed)
    {
        int? saved = KernelPaths.Limit;
        int threads = Parallelism.MaxDegreeOfParallelism;
        KernelPaths.Limit = width;
        Parallelism.MaxDegreeOfParallelism = 2;
        try
        {
            var gRef = new TorchGenerator(generatorSeed);
            var gOpt = new TorchGenerator(generatorSeed);
            for (int i = 0; i < skipped; i++)
            {
                gRef.Random();
                gOpt.Random();
            }
            var reference = new R.Dropout(p, gRef);
            var optimized = new O.Dropout(p, gOpt);
            string what = $"Dropout({p}) on {count} elements at width {width}, {skipped} words drawn first";
            for (int pass = 0; pass < passes; pass++)
            {
                Tensor x = CrossCheckGen.ActivationInput(inputSeed + (ulong)pass, count);
                Compare.Exact(reference.Forward(x), optimized.Forward(x), $"{what}, pass {pass + 1}: y");
                Tensor g = CrossCheckGen.Randn(inputSeed + 10 + (ulong)pass, 1f, count);
                Compare.Exact(reference.Backward(g), optimized.Backward(g), $"{what}, pass {pass + 1}: ∂x");
            }
            Agreement.SameGeneratorState(gRef, gOpt, what);
        }
        finally
        {
            KernelPaths.Limit = saved;
            Parallelism.MaxDegreeOfParallelism = threads;
        }
    }
}
