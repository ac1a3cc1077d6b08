using Verification.Core;
using Verification.Core.Random;
using Verification.Experiments.Claims;
using Verification.Experiments.Document000;

namespace Verification.Experiments.Document001;

/// <summary>
/// The claims of 001_9b6fb180196b46a2.txt: its walk-through of <c>nn.Dropout(0.3)</c> on ten ones (how many are
/// dropped, how survivors are scaled, that the sum is kept), its count of zeros in a 50-wide
/// <c>Linear(100, 50) → ReLU → Dropout(0.3)</c> layer in training and in eval mode, and its advice that dropout needs
/// about twice the epochs. The document's snippets set no seed: this suite uses <c>torch.manual_seed(42)</c> and
/// reports the spread the claim allows.
/// </summary>
public sealed class DropoutBasicsClaims : IClaimSet
{
    /// <summary>The seed used where the document's code sets none.</summary>
    public const ulong Seed = 42;

    /// <summary>Seeds scanned for the distribution of the ten-ones count.</summary>
    public const int SeedScan = 1000;

    /// <summary>Masks averaged for the kept-sum claim.</summary>
    public const int SumDraws = 10000;

    private const string Source = "001_9b6fb180196b46a2.txt";
    private const double P = 0.3;

    /// <inheritdoc/>
    public string Name => "001-basics";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var rows = new List<ClaimRow>();
        TenOnes(stack, rows);
        FiftyWide(stack, rows);
        Slower(stack, rows);
        return rows;
    }

    private static void TenOnes(IStack stack, List<ClaimRow> rows)
    {
        var output = DropOnes(stack, Seed);
        int dropped = output.Count(v => v == 0);
        float survivor = output.FirstOrDefault(v => v != 0);
        double sd = Judge.BinomialSd(10, P);

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
        rows.Add(new ClaimRow("001.ten-ones-dropped", Source,
            "Dropout(0.3) on ten ones in training mode drops 3 of them (30%).",
            "3 of 10",
            $"seed 42: {dropped} of 10 {Judge.Vector(output, 4)}; exactly 3 for {Judge.Percent((double)exactlyThree / SeedScan)} of seeds 0–{SeedScan - 1}; " +
            $"the document's pattern: first seed {(firstDocumentSeed is int s ? Judge.Count(s) : $"none in 0–{SeedScan - 1}")}",
            Judge.From(dropped == 3, Judge.Within(dropped, 3, sd)),
            $"Each unit is dropped independently, so the count is Binomial(10, 0.3): 3 ± {Judge.Number(sd, 2)}. Holds if seed 42 drops " +
            "exactly 3 as printed; within one sd holds qualitatively (the 30% is an expectation, not a count)."));

        rows.Add(new ClaimRow("001.ten-ones-scale", Source,
            "Survivors are scaled by 1/(1 − 0.3) and print as 1.4286.",
            "1.4286", Judge.Number(survivor, 4),
            Judge.From(Judge.Number(survivor, 4) == "1.4286", false),
            "Printed to four decimals: holds if the survivors print the same."));

        var generator = new TorchGenerator(Seed);
        var layer = stack.Dropout(P, generator);
        var ones = Tensor.Ones(1, 10);
        double total = 0;
        for (int i = 0; i < SumDraws; i++)
        {
            var y = layer.Forward(ones);
            for (int j = 0; j < 10; j++) total += y.Data[j];
        }
        double meanSum = total / SumDraws;
        double se = Math.Sqrt(10 * P / (1 - P)) / Math.Sqrt(SumDraws);
        rows.Add(new ClaimRow("001.sum-kept", Source,
            "Scaling keeps the expected sum: ten ones still sum to about 10 after dropout.",
            "≈ 10 (7 × 1.43)", $"{Judge.Number(meanSum, 3)} (mean over {SumDraws} masks, seed 42)",
            Judge.From(Judge.Within(meanSum, 10, 3 * se), false),
            $"A kept unit is 1/0.7 with probability 0.7, so the sum has sd √(10·0.3/0.7) = 2.07; the mean of {SumDraws} sums " +
            $"holds within three standard errors (±{Judge.Number(3 * se, 3)})."));
    }

    private static float[] DropOnes(IStack stack, ulong seed)
    {
        var layer = stack.Dropout(P, new TorchGenerator(seed));
        return (float[])layer.Forward(Tensor.Ones(1, 10)).Data.Clone();
    }

    private static void FiftyWide(IStack stack, List<ClaimRow> rows)
    {
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
        double sd = Judge.BinomialSd(50, P);
        string counts = string.Join(", ", zeros.Select(Judge.Count));
        rows.Add(new ClaimRow("001.fifty-train-zeros", Source,
            "Counting zeros of Linear(100, 50) → ReLU → Dropout(0.3) in training mode prints about 30% of 50, different each pass.",
            "16, 14, 15", $"{counts} (of which ReLU zeros: {evalZeros[0]})",
            Judge.From(zeros.All(z => Judge.Within(z, 15, 2 * sd)), false),
            $"The code counts every zero; holds if each count is within two binomial sd of 15 (±{Judge.Number(2 * sd, 1)}). " +
            "It counts ReLU's zeros too (about half the layer), so with z ReLU zeros it prints about z + 0.3·(50 − z) ≈ 32, not 15."));

        rows.Add(new ClaimRow("001.fifty-mask-dropped", Source,
            "The dropout mask itself drops about 30% of the 50 units, a different set each pass.",
            "about 15 of 50, different each pass",
            $"{string.Join(", ", maskDropped.Select(Judge.Count))} of 50; masks {(Distinct(masks) ? "all different" : "repeat")}",
            Judge.From(maskDropped.All(d => Judge.Within(d, 15, 2 * sd)) && Distinct(masks), maskDropped.All(d => Judge.Within(d, 15, 2 * sd))),
            $"Read from the generator exactly where nn.Dropout draws (bernoulli_(0.7)); holds if each count is within ±{Judge.Number(2 * sd, 1)} " +
            "of 15 and the three masks differ."));

        rows.Add(new ClaimRow("001.fifty-eval-zeros", Source,
            "In eval mode the same count prints 0 of 50 on every pass.",
            "0, 0, 0", string.Join(", ", evalZeros.Select(Judge.Count)),
            Judge.From(evalZeros.All(z => z == 0), false),
            "Holds only if no output is zero. Eval mode drops nothing, but ReLU's zeros are still zeros, and the code counts them."));

        bool same = evalOutputs.All(o => o.AsSpan().SequenceEqual(evalOutputs[0]));
        rows.Add(new ClaimRow("001.eval-deterministic", Source,
            "In eval mode the output is the same on every pass (deterministic).",
            "always the same", same ? "3 passes bit-identical" : "passes differ",
            Judge.From(same, false),
            "Holds if the three eval-mode outputs are equal bit for bit."));
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

    private static void Slower(IStack stack, List<ClaimRow> rows)
    {
        var run = OverfittingRuns.For(stack);
        var without = run.WithoutDropout.FirstEpochReaching(r => r.TrainAccuracy, 1f);
        var with = run.WithDropout.FirstEpochReaching(r => r.TrainAccuracy, 1f);
        double ratio = without is null || with is null ? double.NaN : (double)with.Epoch / without.Epoch;
        rows.Add(new ClaimRow("001.slower-2x", Source,
            "Dropout slows convergence: it may take about twice the epochs to fit the training set.",
            "2×",
            double.IsNaN(ratio) ? "a run never reaches 100%" : $"{Judge.Number(ratio, 2)}× (epoch {with!.Epoch} vs {without!.Epoch}, document 000's run, p = 0.4)",
            Judge.From(!double.IsNaN(ratio) && Judge.WithinRelative(ratio, 2, 0.25), ratio > 1),
            "Measured on document 000's experiment (the course's one training run with and without dropout): epochs to 100% " +
            "training accuracy. A ratio within ±25% of 2 holds; slower by another factor holds qualitatively."));
    }
}
