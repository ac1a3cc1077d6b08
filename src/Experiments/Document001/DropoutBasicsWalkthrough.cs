using Verification.Core;
using Verification.Core.Random;

namespace Verification.Experiments.Document001;

/// <summary>
/// <c>nn.Dropout(0.3)</c> on ten ones in training mode: the output for the suite's seed, how often a seed drops
/// exactly three, the first seed that drops the document's printed positions, and the mean sum over many masks.
/// </summary>
/// <param name="Output">The ten outputs for <see cref="DropoutBasicsWalkthrough.Seed"/>.</param>
/// <param name="SeedsDroppingThree">How many of the seeds <c>0 … SeedScan − 1</c> drop exactly three ones.</param>
/// <param name="FirstDocumentSeed">The first of those seeds that drops positions 2, 5 and 7 (1-based), or null.</param>
/// <param name="MeanSum">The mean sum of the ten outputs over <see cref="DropoutBasicsWalkthrough.SumDraws"/> masks.</param>
public sealed record TenOnesResult(float[] Output, int SeedsDroppingThree, int? FirstDocumentSeed, double MeanSum);

/// <summary>
/// <c>Linear(100, 50) → ReLU → Dropout(0.3)</c> run three times in training mode and three times in eval mode on one
/// input: the zeros the document's code counts, the units the dropout mask itself drops, and the eval outputs.
/// </summary>
/// <param name="TrainZeros">Zeros in the output of each training pass (ReLU's zeros included, as the code counts).</param>
/// <param name="MaskDropped">Units each training pass's dropout mask drops.</param>
/// <param name="MasksDistinct">Whether the three training masks all differ.</param>
/// <param name="EvalZeros">Zeros in the output of each eval pass.</param>
/// <param name="EvalIdentical">Whether the three eval outputs are equal bit for bit.</param>
public sealed record FiftyWideResult(int[] TrainZeros, int[] MaskDropped, bool MasksDistinct, int[] EvalZeros, bool EvalIdentical);

/// <summary>Both walk-throughs of the document.</summary>
public sealed record DropoutBasicsResult(TenOnesResult TenOnes, FiftyWideResult FiftyWide);

/// <summary>
/// The walk-throughs of 001_9b6fb180196b46a2.txt as its snippets run them: <c>nn.Dropout(0.3)</c> on ten ones, and a
/// 50-wide <c>Linear(100, 50) → ReLU → Dropout(0.3)</c> layer in training and in eval mode. The snippets set no seed:
/// this suite uses <c>torch.manual_seed(42)</c> and scans seeds for the spread.
/// </summary>
public static class DropoutBasicsWalkthrough
{
    /// <summary>The seed used where the document's code sets none.</summary>
    public const ulong Seed = 42;

    /// <summary>Seeds scanned for the distribution of the ten-ones count.</summary>
    public const int SeedScan = 1000;

    /// <summary>Masks averaged for the kept-sum claim.</summary>
    public const int SumDraws = 10000;

    /// <summary>The document's dropout rate.</summary>
    public const double P = 0.3;

    /// <summary>Runs both walk-throughs on <paramref name="stack"/>.</summary>
    public static DropoutBasicsResult Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        return new DropoutBasicsResult(TenOnes(stack), FiftyWide(stack));
    }

    /// <summary>The ten-ones walk-through.</summary>
    public static TenOnesResult TenOnes(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var output = DropOnes(stack, Seed);

        // The document's printed pattern: positions 2, 5 and 7 (1-based) dropped.
        bool[] documentPattern = [false, true, false, false, true, false, true, false, false, false];
        int exactlyThree = 0;
        int? firstDocumentSeed = null;
        for (int seed = 0; seed < SeedScan; seed++)
        {
            var y = DropOnes(stack, (ulong)seed);
            int zeros = y.Count(v => v == 0);
            if (zeros == 3) exactlyThree++;
            if (firstDocumentSeed is null && y.Select(v => v == 0).SequenceEqual(documentPattern)) firstDocumentSeed = seed;
        }

        var generator = new TorchGenerator(Seed);
        var layer = stack.Dropout(P, generator);
        var ones = Tensor.Ones(1, 10);
        double total = 0;
        for (int i = 0; i < SumDraws; i++)
        {
            var y = layer.Forward(ones);
            for (int j = 0; j < 10; j++) total += y.Data[j];
        }
        return new TenOnesResult(output, exactlyThree, firstDocumentSeed, total / SumDraws);
    }

    /// <summary>The 50-wide walk-through.</summary>
    public static FiftyWideResult FiftyWide(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        // The document's order: the layer is built (Linear draws weight then bias), then x = torch.randn(1, 100).
        var generator = new TorchGenerator(Seed);
        var model = stack.Sequential(stack.Linear(100, 50, generator), stack.ReLU(), stack.Dropout(P, generator));
        var x = generator.Randn(1, 100);
        int[] zeros = new int[3];
        int[] maskDropped = new int[3];
        var masks = new List<bool[]>();
        model.SetTraining(true);
        for (int pass = 0; pass < 3; pass++)
        {
            var mask = PeekMask(generator, 50);
            var y = model.Forward(x);
            zeros[pass] = y.Data.Count(v => v == 0);
            maskDropped[pass] = mask.Count(kept => !kept);
            for (int j = 0; j < 50; j++)
            {
                if (!mask[j] && y.Data[j] != 0)
                {
                    throw new InvalidOperationException($"unit {j} was dropped by the mask but is not zero: the mask was read wrongly.");
                }
            }
            masks.Add(mask);
        }
        model.SetTraining(false);
        var evalZeros = new int[3];
        var evalOutputs = new List<float[]>();
        for (int pass = 0; pass < 3; pass++)
        {
            var y = model.Forward(x);
            evalZeros[pass] = y.Data.Count(v => v == 0);
            evalOutputs.Add((float[])y.Data.Clone());
        }
        bool identical = evalOutputs.All(o => o.AsSpan().SequenceEqual(evalOutputs[0]));
        return new FiftyWideResult(zeros, maskDropped, Distinct(masks), evalZeros, identical);
    }

    private static float[] DropOnes(IStack stack, ulong seed)
    {
        var layer = stack.Dropout(P, new TorchGenerator(seed));
        return (float[])layer.Forward(Tensor.Ones(1, 10)).Data.Clone();
    }

    /// <summary>The keep mask nn.Dropout will draw next (bernoulli_(1 − p), one double per unit), without consuming it.</summary>
    private static bool[] PeekMask(TorchGenerator generator, int n)
    {
        var state = generator.SaveState();
        var copy = new TorchGenerator();
        copy.RestoreState(state);
        var keep = new float[n];
        copy.Bernoulli(keep, 1 - P);
        return keep.Select(k => k != 0).ToArray();
    }

    private static bool Distinct(List<bool[]> masks)
    {
        for (int a = 0; a < masks.Count; a++)
        {
            for (int b = a + 1; b < masks.Count; b++)
            {
                if (masks[a].AsSpan().SequenceEqual(masks[b])) return false;
            }
        }
        return true;
    }
}
