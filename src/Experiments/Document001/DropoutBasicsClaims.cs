using Verification.Core;
using Verification.Core.Documents;
using Verification.Experiments.Claims;
using Verification.Core.Scripts;
using Verification.Experiments.Document000;
using static Verification.Experiments.Document001.DropoutBasicsWalkthrough;

namespace Verification.Experiments.Document001;

/// <summary>
/// The claims of 001_9b6fb180196b46a2.txt: its walk-through of <c>nn.Dropout(0.3)</c> on ten ones (how many are
/// dropped, how survivors are scaled, that the sum is kept), its count of zeros in a 50-wide
/// <c>Linear(100, 50) → ReLU → Dropout(0.3)</c> layer in training and in eval mode (<see cref="DropoutBasicsWalkthrough"/>),
/// and its advice that dropout needs about twice the epochs (measured on document 000's run).
/// </summary>
public sealed class DropoutBasicsClaims : IClaimSet
{
    private const string Source = CourseDocuments.Document001;

    /// <inheritdoc/>
    public string Name => "001-basics";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var walkthrough = DropoutBasicsWalkthrough.Run(stack);
        return [.. TenOnes(walkthrough.TenOnes), .. FiftyWide(walkthrough.FiftyWide), Slower(OverfittingRuns.For(stack))];
    }

    /// <summary>Judges the ten-ones claims against <paramref name="r"/>.</summary>
    public static IReadOnlyList<ClaimRow> TenOnes(TenOnesResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        int dropped = r.Output.Count(v => v == 0);
        float survivor = r.Output.FirstOrDefault(v => v != 0);
        double sd = Judge.BinomialSd(10, P);
        double se = Math.Sqrt(10 * P / (1 - P)) / Math.Sqrt(SumDraws);
        string firstSeed = r.FirstDocumentSeed is int s ? Judge.Count(s) : $"none in 0–{SeedScan - 1}";
        return
        [
            new ClaimRow("001.ten-ones-dropped", Source,
                "Dropout(0.3) on ten ones in training mode drops 3 of them (30%).",
                "3 of 10",
                $"seed 42: {dropped} of 10 {Judge.Vector(r.Output, 4)}; exactly 3 for " +
                $"{Judge.Percent((double)r.SeedsDroppingThree / SeedScan)} of seeds 0–{SeedScan - 1}; " +
                $"the document's pattern: first seed {firstSeed}",
                Judge.From(dropped == 3, Judge.Within(dropped, 3, sd)),
                $"Each unit is dropped independently, so the count is Binomial(10, 0.3): 3 ± {Judge.Number(sd, 2)}. Holds if seed 42 drops " +
                "exactly 3 as printed; within one sd holds qualitatively (the 30% is an expectation, not a count)."),
            new ClaimRow("001.ten-ones-scale", Source,
                "Survivors are scaled by 1/(1 − 0.3) and print as 1.4286.",
                "1.4286", Judge.Number(survivor, 4),
                Judge.From(Judge.Number(survivor, 4) == "1.4286", false),
                "Printed to four decimals: holds if the survivors print the same."),
            new ClaimRow("001.sum-kept", Source,
                "Scaling keeps the expected sum: ten ones still sum to about 10 after dropout.",
                "≈ 10 (7 × 1.43)", $"{Judge.Number(r.MeanSum, 3)} (mean over {SumDraws} masks, seed 42)",
                Judge.From(Judge.Within(r.MeanSum, 10, 3 * se), false),
                $"A kept unit is 1/0.7 with probability 0.7, so the sum has sd √(10·0.3/0.7) = 2.07; the mean of {SumDraws} sums " +
                $"holds within three standard errors (±{Judge.Number(3 * se, 3)})."),
        ];
    }

    /// <summary>Judges the 50-wide layer's claims against <paramref name="r"/>.</summary>
    public static IReadOnlyList<ClaimRow> FiftyWide(FiftyWideResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        double sd = Judge.BinomialSd(50, P);
        string counts = string.Join(", ", r.TrainZeros.Select(Judge.Count));
        bool masksNearFifteen = r.MaskDropped.All(d => Judge.Within(d, 15, 2 * sd));
        return
        [
            new ClaimRow("001.fifty-train-zeros", Source,
                "Counting zeros of Linear(100, 50) → ReLU → Dropout(0.3) in training mode prints about 30% of 50, different each pass.",
                "16, 14, 15", $"{counts} (of which ReLU zeros: {r.EvalZeros[0]})",
                Judge.From(r.TrainZeros.All(z => Judge.Within(z, 15, 2 * sd)), false),
                $"The code counts every zero; holds if each count is within two binomial sd of 15 (±{Judge.Number(2 * sd, 1)}). " +
                "It counts ReLU's zeros too (about half the layer), so with z ReLU zeros it prints about z + 0.3·(50 − z) ≈ 32, not 15."),
            new ClaimRow("001.fifty-mask-dropped", Source,
                "The dropout mask itself drops about 30% of the 50 units, a different set each pass.",
                "about 15 of 50, different each pass",
                $"{string.Join(", ", r.MaskDropped.Select(Judge.Count))} of 50; masks {(r.MasksDistinct ? "all different" : "repeat")}",
                Judge.From(masksNearFifteen && r.MasksDistinct, masksNearFifteen),
                $"Read from the generator exactly where nn.Dropout draws (bernoulli_(0.7)); holds if each count is within " +
                    $"±{Judge.Number(2 * sd, 1)} " +
                "of 15 and the three masks differ."),
            new ClaimRow("001.fifty-eval-zeros", Source,
                "In eval mode the same count prints 0 of 50 on every pass.",
                "0, 0, 0", string.Join(", ", r.EvalZeros.Select(Judge.Count)),
                Judge.From(r.EvalZeros.All(z => z == 0), false),
                "Holds only if no output is zero. Eval mode drops nothing, but ReLU's zeros are still zeros, and the code counts them."),
            new ClaimRow("001.eval-deterministic", Source,
                "In eval mode the output is the same on every pass (deterministic).",
                "always the same", r.EvalIdentical ? "3 passes bit-identical" : "passes differ",
                Judge.From(r.EvalIdentical, false),
                "Holds if the three eval-mode outputs are equal bit for bit."),
        ];
    }

    /// <summary>Judges "dropout needs about twice the epochs" against document 000's run, with and without dropout.</summary>
    public static ClaimRow Slower(OverfittingScript.Result run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var without = run.WithoutDropout.FirstEpochReaching(r => r.TrainAccuracy, 1f);
        var with = run.WithDropout.FirstEpochReaching(r => r.TrainAccuracy, 1f);
        double ratio = without is null || with is null ? double.NaN : (double)with.Epoch / without.Epoch;
        return new ClaimRow("001.slower-2x", Source,
            "Dropout slows convergence: it may take about twice the epochs to fit the training set.",
            "2×",
            double.IsNaN(ratio)
                ? "a run never reaches 100%"
                : $"{Judge.Number(ratio, 2)}× (epoch {with!.Epoch} vs {without!.Epoch}, document 000's run, p = 0.4)",
            Judge.From(!double.IsNaN(ratio) && Judge.WithinRelative(ratio, 2, 0.25), ratio > 1),
            "Measured on document 000's experiment (the course's one training run with and without dropout): epochs to 100% " +
            "training accuracy. A ratio within ±25% of 2 holds; slower by another factor holds qualitatively.");
    }
}
