using Verification.Core;
using Verification.Core.Documents;
using Verification.Core.Random;
using Verification.Core.Training;
using Verification.Experiments.Claims;
using Verification.Experiments.Document000;

namespace Verification.Experiments.Document004;

/// <summary>
/// The claims of 004_c66a46257145a448.txt: its masking example (<c>[0.8, 0.1, 1.2, 0.7, 0.4]</c> with units 2 and 4
/// zeroed) compared with what <c>nn.Dropout</c> prints for the same drop pattern, and its trade-off that the injected
/// noise makes optimisation noisier — measured as the variance of the epoch-to-epoch change of the training loss in
/// document 000's run, with and without dropout.
/// </summary>
public sealed class NoiseClaims : IClaimSet
{
    /// <summary>The document's hidden layer.</summary>
    public static readonly float[] Hidden = [0.8f, 0.1f, 1.2f, 0.7f, 0.4f];

    /// <summary>The first epoch of the window the loss noise is measured over (the first 50 are the initial descent).</summary>
    public const int NoiseFrom = 51;

    private const string Source = CourseDocuments.Document004;

    /// <inheritdoc/>
    public string Name => "004-noise";

    /// <inheritdoc/>
    public string Document => Source;

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var rows = new List<ClaimRow>();
        MaskExample(stack, rows);
        Noisier(stack, rows);
        return rows;
    }

    private static void MaskExample(IStack stack, List<ClaimRow> rows)
    {
        // The example drops 2 of 5 units and states no rate; p = 0.4 is the rate it implies.
        const double p = 0.4;
        bool[] pattern = [true, false, true, false, true];
        var x = Tensor.FromValues(Hidden, 1, 5);
        int seed = -1;
        float[] output = [];
        for (int s = 0; s < 10000 && seed < 0; s++)
        {
            var y = stack.Dropout(p, new TorchGenerator((ulong)s)).Forward(x);
            if (y.Data.Select(v => v != 0).SequenceEqual(pattern))
            {
                seed = s;
                output = (float[])y.Data.Clone();
            }
        }
        string documentText = "[0.8, 0, 1.2, 0, 0.4]";
        bool unscaled = seed >= 0 && Judge.Vector(output, 1) == documentText;
        rows.Add(new ClaimRow("004.mask-example", Source,
            "Dropout turns the hidden layer [0.8, 0.1, 1.2, 0.7, 0.4] into [0.8, 0, 1.2, 0, 0.4].",
            documentText,
            seed < 0 ? "pattern not found in seeds 0–9999" : $"nn.Dropout(0.4), first seed with that pattern ({seed}): {Judge.Vector(output, 4)}",
            Judge.From(unscaled, seed >= 0),
            "Holds if PyTorch's layer prints the same vector for that drop pattern; the same zeros with survivors scaled by " +
            "1/(1 − p) = 5/3 holds qualitatively: the example shows the mask but not the inverted scaling the document itself " +
            "describes for training."));
    }

    private static void Noisier(IStack stack, List<ClaimRow> rows)
    {
        var run = OverfittingRuns.For(stack);
        double without = StepVariance(run.WithoutDropout);
        double with = StepVariance(run.WithDropout);
        rows.Add(new ClaimRow("004.noisier", Source,
            "The injected masking noise makes optimisation noisier.",
            "noisier",
            $"Var(ΔL) epochs {NoiseFrom}–250: {with.ToString("0.00E+0", System.Globalization.CultureInfo.InvariantCulture)} with Dropout(0.4) vs " +
            $"{without.ToString("0.00E+0", System.Globalization.CultureInfo.InvariantCulture)} without ({Judge.Number(with / without, 0)}×)",
            Judge.From(with > 2 * without, with > without),
            "Document 000's run (the course's training run with and without dropout). ΔL is the change of the full-batch " +
            "training loss from one step to the next. The claim names no size: a variance more than twice the no-dropout " +
            "one holds, larger by less holds qualitatively."));
    }

    /// <summary>The variance of <c>L(t) − L(t − 1)</c> for t from <see cref="NoiseFrom"/> to the end.</summary>
    public static double StepVariance(TrainingHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var deltas = new List<double>();
        for (int i = NoiseFrom - 1; i < history.Count; i++)
        {
            deltas.Add((double)history[i].TrainLoss - history[i - 1].TrainLoss);
        }
        double mean = deltas.Average();
        return deltas.Sum(d => (d - mean) * (d - mean)) / (deltas.Count - 1);
    }
}
