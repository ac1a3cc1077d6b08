using Verification.Core;
using Verification.Core.Documents;
using Verification.Core.Random;
using Verification.Experiments.Claims;

namespace Verification.Experiments.Document003;

/// <summary>
/// The mask arithmetic of 003_8edb894460b127c3.txt on the churn network's hidden activations
/// <c>a = [0.36, 0.13, 0.42, 0.25]</c>, p = 0.5: the masked and inverted vectors for the mask it states, what its
/// NumPy code (<c>np.random.seed(42)</c>, <c>rand(4) &gt; p</c>) actually draws, the test-time identity, the mean of
/// its 1000 seeded masks, and that dropped units get exactly zero gradient.
/// </summary>
public sealed class ChurnMaskClaims : IClaimSet
{
    /// <summary>The document's hidden activations.</summary>
    public static readonly double[] Activations = [0.36, 0.13, 0.42, 0.25];

    private const string Source = CourseDocuments.Document003;
    private const double P = 0.5;

    /// <inheritdoc/>
    public string Name => "003-masks";

    /// <inheritdoc/>
    public string Document => Source;

    /// <summary>The document's <c>dropout_forward(a, p, training=True, seed)</c>: <c>a · (rand(n) &gt; p) / (1 − p)</c> after
    /// <c>np.random.seed(seed)</c>.</summary>
    public static double[] NumpyDropout(double[] a, double p, long seed)
    {
        ArgumentNullException.ThrowIfNull(a);
        var u = new NumpyRandomState(seed).Rand(a.Length);
        var y = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            y[i] = u[i] > p ? a[i] / (1 - p) : 0;
        }
        return y;
    }

    /// <inheritdoc/>
    public IReadOnlyList<ClaimRow> Run(IStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        var rows = new List<ClaimRow>();
        double[] mask = [1, 0, 1, 0];
        var masked = Activations.Select((v, i) => v * mask[i]).ToArray();
        var inverted = Activations.Select((v, i) => v * mask[i] / (1 - P)).ToArray();
        rows.Add(new ClaimRow("003.masked", Source,
            "With mask [1, 0, 1, 0] the hidden layer becomes [0.36, 0, 0.42, 0].",
            "[0.36, 0, 0.42, 0]", Judge.Vector(masked, 2),
            Judge.From(Judge.Vector(masked, 2) == "[0.36, 0, 0.42, 0]", false),
            "Arithmetic, printed to two decimals: holds if the same digits come out."));
        rows.Add(new ClaimRow("003.inverted", Source,
            "Inverted dropout with the same mask gives a · m / (1 − p) = [0.72, 0, 0.84, 0].",
            "[0.72, 0, 0.84, 0]", Judge.Vector(inverted, 2),
            Judge.From(Judge.Vector(inverted, 2) == "[0.72, 0, 0.84, 0]", false),
            "Arithmetic, printed to two decimals: holds if the same digits come out."));

        var seeded = NumpyDropout(Activations, P, 42);
        string seededText = Judge.Vector(seeded, 2);
        bool samePattern = seeded.Select(v => v != 0).SequenceEqual(mask.Select(m => m != 0));
        rows.Add(new ClaimRow("003.seeded-mask", Source,
            "Its code (np.random.seed(42), mask = rand(4) > 0.5) prints [0.72, 0, 0.84, 0].",
            "[0.72, 0, 0.84, 0]", seededText,
            Judge.From(seededText == "[0.72, 0, 0.84, 0]", samePattern),
            "The code is seeded, so NumPy's draws are reproduced exactly (rand(4) under seed 42 is 0.37, 0.95, 0.73, 0.60); " +
            "holds if the printed vector is reproduced, qualitatively if only the drop pattern matches."));

        var layer = stack.Dropout(P, new TorchGenerator(42)).Eval();
        var input = Tensor.FromValues(Activations.Select(v => (float)v).ToArray(), 1, 4);
        var evalOut = layer.Forward(input);
        bool identity = evalOut.Data.AsSpan().SequenceEqual(input.Data);
        rows.Add(new ClaimRow("003.test-identity", Source,
            "At test time dropout changes nothing: the activations pass unchanged.",
            "[0.36, 0.13, 0.42, 0.25]", Judge.Vector(evalOut.Data, 2) + (identity ? " (bit-identical)" : ""),
            Judge.From(identity, false),
            "nn.Dropout(0.5) in eval mode on the stack: holds if the output equals the input bit for bit."));

        var mean = new double[4];
        for (int seed = 0; seed < 1000; seed++)
        {
            var y = NumpyDropout(Activations, P, seed);
            for (int i = 0; i < 4; i++) mean[i] += y[i] / 1000;
        }
        string meanText = Judge.Vector(mean, 4);
        // Each output is 2a or 0 with probability 1/2: sd a, so the mean of 1000 has standard error a/√1000.
        bool withinThreeSe = mean.Select((m, i) => Judge.Within(m, Activations[i], 3 * Activations[i] / Math.Sqrt(1000))).All(b => b);
        rows.Add(new ClaimRow("003.mean-1000-printed", Source,
            "The mean over seeds 0–999 of its seeded masks prints [0.3601, 0.1293, 0.4202, 0.2501].",
            "[0.3601, 0.1293, 0.4202, 0.2501]", meanText,
            Judge.From(meanText == "[0.3601, 0.1293, 0.4202, 0.2501]", withinThreeSe),
            "Seeds 0–999 are reproduced exactly, so the four printed decimals must match to hold; each mean within three " +
            "standard errors (a/√1000) of a holds qualitatively."));
        rows.Add(new ClaimRow("003.mean-1000-expected", Source,
            "Inverted dropout keeps the expected value: the mean of 1000 masks matches the original activations.",
            "matches [0.36, 0.13, 0.42, 0.25]",
            meanText + " (largest deviation " + Judge.Number(mean.Select((m, i) =>
                Math.Abs(m - Activations[i]) / (Activations[i] / Math.Sqrt(1000))).Max(), 1) + " se)",
            Judge.From(withinThreeSe, false),
            "Holds if every mean is within three standard errors (a/√1000: 0.011, 0.004, 0.013, 0.008) of its activation."));

        // The document's mask [1, 0, 1, 0]: the first torch.manual_seed whose Dropout(0.5) draws it.
        int maskSeed = -1;
        IModule train = stack.Dropout(P, new TorchGenerator(0));
        bool[] kept = [];
        for (int s = 0; s < 1000 && maskSeed < 0; s++)
        {
            train = stack.Dropout(P, new TorchGenerator((ulong)s)).Train();
            kept = train.Forward(input).Data.Select(v => v != 0).ToArray();
            if (kept.SequenceEqual([true, false, true, false])) maskSeed = s;
        }
        float[] delta = [0.3f, -0.1f, 0.2f, -0.05f];
        var grad = train.Backward(Tensor.FromValues(delta, 1, 4));
        bool zeroWhereDropped = true, scaledWhereKept = true;
        for (int i = 0; i < 4; i++)
        {
            if (!kept[i]) zeroWhereDropped &= grad.Data[i] == 0;
            else scaledWhereKept &= grad.Data[i] == delta[i] * 2f;
        }
        rows.Add(new ClaimRow("003.dropped-gradient", Source,
            "The forward mask is reused backward: dropped units get a gradient of exactly 0.",
            "exactly 0",
            $"mask {Judge.Vector(kept.Select(k => k ? 1.0 : 0.0), 0)} (seed {maskSeed}), δ {Judge.Vector(delta, 2)} → {Judge.Vector(grad.Data, 2)}",
            Judge.From(zeroWhereDropped && scaledWhereKept && kept.Contains(false), false),
            "nn.Dropout(0.5) forward then backward on the stack, at the first torch.manual_seed drawing the document's mask " +
            "[1, 0, 1, 0], with the δ of its exercise: holds if every dropped unit's gradient " +
            "is exactly 0 and every kept one is δ/(1 − p)."));
        return rows;
    }
}
