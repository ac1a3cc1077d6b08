using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Verification.Core.Documents;
using Verification.Core.Random;
using Verification.Exercises.Grading;

namespace Verification.Exercises.Documents;

/// <summary>
/// The exercises of 003_8edb894460b127c3.txt: its five "Test Your Understanding" questions and its worked numbers,
/// on the churn network's hidden layer a = [0.36, 0.13, 0.42, 0.25] with p = 0.5 and mask [1, 0, 1, 0].
/// </summary>
public static class Document003
{
    /// <summary>The document's file name.</summary>
    public const string File = CourseDocuments.Document003;

    private static readonly float[] Hidden = [0.36f, 0.13f, 0.42f, 0.25f];
    private static readonly float[] Mask = [1, 0, 1, 0];
    private static readonly float[] Delta = [0.3f, -0.1f, 0.2f, -0.05f];
    private const double P = 0.5;

    /// <summary>Every exercise of the document.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        new("003.1", File, "Test Your Understanding, question 1", "Expected value of one inverted-dropout unit", 2, Difficulty.Warmup, ExpectedValue),
        new("003.2", File, "Test Your Understanding, question 2", "Gradient at the hidden pre-activations under a mask", 3, Difficulty.Core,
            GradientThroughMask),
        new("003.3", File, "Test Your Understanding, question 2", "Which units' weights get no update", 1, Difficulty.Warmup, UnitsWithoutUpdates),
        new("003.4a", File, "What Dropout Does During Training", "The masked activations", 1, Difficulty.Warmup, MaskedVector),
        new("003.4b", File, "Inverted Dropout", "The inverted-dropout activations", 1, Difficulty.Warmup, InvertedVector),
        new("003.4c", File, "Dropout as Ensemble Learning", "How many sub-networks", 1, Difficulty.Warmup, SubNetworks),
        new("003.6", File, "Test Your Understanding, question 3", "When the full network is exactly the ensemble average", 4, Difficulty.Stretch,
            Ensemble),
        new("003.5", File, "Code (mean over 1000 passes)", "The mean over 1000 dropout masks", 2, Difficulty.Core, MeanOverMasks),
        new("003.8", File, "Test Your Understanding, question 5", "The variance shift when dropout feeds BatchNorm", 4, Difficulty.Stretch,
            BatchNormShift),
        new("003.7", File, "Test Your Understanding, question 4", "Dropout on a sigmoid output unit", 2, Difficulty.Core, SigmoidOutput),
    ];

    private static Grade ExpectedValue(Exercise e, IAnswers answers)
    {
        const string why = "a/(1−p) occurs with probability 1−p and 0 with probability p, so E = (1−p)·a/(1−p) = a.";
        double worked = answers.ExpectedInvertedDropoutOutput(0.36, P);
        var grade = Feedback.Number(e, "E[a_dropout[0]] for a = 0.36, p = 0.5", 0.36, worked, 1e-9, why,
            (v => Math.Abs(v - 0.72) < 1e-9, "you took the kept value 0.72 without weighting it by its probability 1−p"),
            (v => Math.Abs(v - 0.18) < 1e-9,
                "you scaled by (1−p) — that is old-style dropout at test time, not the expectation of inverted dropout"));
        if (!grade.Passed) return grade;
        var cases = Inputs.Both(Inputs.Value(-3, 3), Inputs.DropProbability());
        return PropertyGrade.Check(e, cases,
            c => Math.Abs(answers.ExpectedInvertedDropoutOutput(c.Item1, c.Item2) - c.Item1) <= 1e-9 * Math.Max(1, Math.Abs(c.Item1)),
            "The expectation must equal the activation for every a and every p in [0, 1). " + why);
    }

    private static Grade GradientThroughMask(Exercise e, IAnswers answers)
    {
        const string why = "y = m·relu(z)/(1−p), so ∂L/∂z = δ·m/(1−p)·[z > 0]: " +
                           "the forward mask and the same 1/(1−p) scale act on the way back.";
        var worked = answers.GradientAtPreActivations(Hidden, Delta, Mask, P).Select(v => (double)v).ToArray();
        var grade = Feedback.Numbers(e, "∂L/∂z for the document's numbers", [0.6, 0, 0.4, 0], worked, 1e-6, why,
            (v => Feedback.Near(v, [0.3, 0, 0.2, 0]), "you applied the mask but forgot the 1/(1−p) scale"),
            (v => Feedback.Near(v, [0.6, -0.2, 0.4, -0.1]), "you scaled by 1/(1−p) but did not apply the mask"),
            (v => Feedback.Near(v, [0, -0.2, 0, -0.1]), "you used the keep/drop convention the wrong way round (1 in the mask means kept)"));
        if (!grade.Passed) return grade;
        var cases = Inputs.All(Inputs.Vector(5), Inputs.Vector(5), Inputs.Mask(5), Inputs.DropProbability());
        return PropertyGrade.Check(e, cases, c =>
        {
            var (z, d, m, p) = c;
            var actual = answers.GradientAtPreActivations(z, d, m, p);
            return actual.Length == 5 && Enumerable.Range(0, 5).All(i =>
                Math.Abs(actual[i] - (z[i] > 0 ? d[i] * m[i] / (1 - p) : 0)) <= 1e-5 * Math.Max(1, Math.Abs(d[i] / (1 - p))));
        }, "The gradient must also pass through ReLU: units with z ≤ 0 get none. " + why);
    }

    private static Grade UnitsWithoutUpdates(Exercise e, IAnswers answers)
    {
        var actual = answers.UnitsWithoutUpdates(Mask) ?? [];
        if (actual.SequenceEqual([1, 3])) return Grade.Pass();
        string diagnosis = actual.SequenceEqual([0, 2]) ? " You listed the kept units: a mask value of 1 means kept." :
            actual.SequenceEqual([2, 4]) ? " You counted from 1; the answer uses 0-based indices." : "";
        return Grade.Fail($"expected units [1, 3] (the second and fourth, whose mask is 0) but got [{string.Join(", ", actual)}].{diagnosis} " +
                          $"A dropped unit outputs 0 and passes no gradient, so its incoming weights (W1's column, b1) and outgoing weights (W2's " +
                              $"row) get none this step. (see {e.Page})");
    }

    private static Grade MaskedVector(Exercise e, IAnswers answers) =>
        Feedback.Numbers(e, "a ⊙ m", [0.36, 0, 0.42, 0], answers.ApplyMask(Hidden, Mask).Select(v => (double)v).ToArray(), 1e-6,
            "Multiplying by the mask keeps units 1 and 3 unchanged and zeroes 2 and 4; no rescaling yet.",
            (v => Feedback.Near(v, [0.72, 0, 0.84, 0]), "you already rescaled by 1/(1−p); this part asks for the mask alone"));

    /// <summary>
    /// The document's p = 0.5 and rates where keeping and dropping are far apart: at p = 0.5 dividing by p and by 1 − p agree,
    /// so the document's numbers alone cannot tell the keep/drop mix-up from the right answer.
    /// </summary>
    private static readonly double[] Rates = [P, 0.1, 0.3, 0.8];

    private static Grade InvertedVector(Exercise e, IAnswers answers)
    {
        foreach (double p in Rates)
        {
            // a ⊙ m / (1 − p), the float32 mask divided by the float32 (1 − p) as aten/src/ATen/native/Dropout.cpp does.
            float keep = (float)(1 - p);
            double[] expected = Hidden.Select((a, i) => (double)(a * (Mask[i] / keep))).ToArray();
            double[] ByP(double factor) => Hidden.Select((a, i) => a * Mask[i] * factor).ToArray();
            var grade = Feedback.Numbers(e, $"a ⊙ m / (1 − p) at p = {p}", expected,
                answers.InvertedDropout(Hidden, Mask, p).Select(v => (double)v).ToArray(), 1e-6,
                $"Inverted dropout divides the survivors by the keep probability 1−p = {1 - p}, so the expected input to the next layer is " +
                "unchanged.",
                (v => Feedback.Near(v, ByP(1)), "you forgot the 1/(1−p) rescaling"),
                (v => Feedback.Near(v, ByP(1 / p)), "you divided by p, the drop probability; survivors are divided by the keep probability 1−p"),
                (v => Feedback.Near(v, ByP(1 - p)), "you multiplied by (1−p) instead of dividing"));
            if (!grade.Passed) return grade;
        }
        return Grade.Pass();
    }

    private static Grade SubNetworks(Exercise e, IAnswers answers)
    {
        var four = answers.SubNetworkCount(4);
        var thousand = answers.SubNetworkCount(1000);
        if (four == 16 && thousand == BigInteger.Pow(2, 1000)) return Grade.Pass();
        string diagnosis = four == 4 ? " You counted units, not subsets." : four == 8 ? " 2·n is not 2ⁿ." : "";
        return Grade.Fail($"expected 16 sub-networks for 4 units (and 2¹⁰⁰⁰ for 1000) but got {four}.{diagnosis} " +
                          $"Each unit is independently on or off, so there are 2ⁿ masks, all sharing one set of weights. (see {e.Page})");
    }

    private static Grade Ensemble(Exercise e, IAnswers answers)
    {
        // A linear read-out of the dropped layer: f(m) = Σ wᵢ·mᵢ·aᵢ/(1−p). Its ensemble average is exactly Σ wᵢ·aᵢ,
        // the full network's output, because expectation passes through a linear map.
        double[] w = [0.5, -1.2, 0.8, 0.3];
        double Linear(bool[] kept) => Enumerable.Range(0, 4).Sum(i => w[i] * (kept[i] ? Hidden[i] / (1 - P) : 0));
        double full = Enumerable.Range(0, 4).Sum(i => w[i] * Hidden[i]);
        double linearAverage = answers.EnsembleAverage(Linear, 4, P);
        var grade = Feedback.Number(e, "ensemble average of a linear read-out", full, linearAverage, 1e-9,
            "For a network that is linear in the dropped units, averaging over all 2ⁿ masks (weighted by their probabilities) gives exactly the " +
                "full network's output.",
            (v => Math.Abs(v - Enumerable.Range(0, 16).Average(b => Linear(Enumerable.Range(0, 4).Select(u => (b >> u & 1) == 1).ToArray())))
                < 1e-12 && P != 0.5,
             "you averaged masks uniformly; weight each by (1−p)^kept·p^dropped"));
        if (!grade.Passed) return grade;

        // With a non-linearity after the dropped units the approximation is no longer exact (Jensen's inequality).
        const double p = 0.3;
        double ReLU(bool[] kept) => Math.Max(0, Enumerable.Range(0, 4).Sum(i => w[i] * (kept[i] ? Hidden[i] / (1 - p) : 0)) - 0.1);
        double expected = WeightedOverAllMasks(ReLU, 4, p);
        return Feedback.Number(e, "ensemble average through a ReLU (p = 0.3)", expected, answers.EnsembleAverage(ReLU, 4, p), 1e-9,
            $"Each mask m has probability (1−p)^kept·p^dropped; sum f(m)·P(m) over all 16 masks. Here it differs from the full network's " +
            $"{Math.Max(0, full - 0.1):0.####}: with a non-linearity the full network only approximates the ensemble.",
            (v => Math.Abs(v - Enumerable.Range(0, 16).Average(b => ReLU(Enumerable.Range(0, 4).Select(u => (b >> u & 1) == 1).ToArray()))) < 1e-12,
             "you averaged masks uniformly; weight each by (1−p)^kept·p^dropped"));
    }

    /// <summary>Σ over the 2ⁿ masks m of P(m)·f(m), with P(m) = (1−p)^kept · p^dropped: the ensemble, by its definition.</summary>
    private static double WeightedOverAllMasks(Func<bool[], double> subNetworkOutput, int units, double p)
    {
        double average = 0;
        for (int bits = 0; bits < 1 << units; bits++)
        {
            var kept = Enumerable.Range(0, units).Select(u => (bits >> u & 1) == 1).ToArray();
            double probability = kept.Aggregate(1.0, (product, k) => product * (k ? 1 - p : p));
            average += probability * subNetworkOutput(kept);
        }
        return average;
    }

    private static Grade SigmoidOutput(Exercise e, IAnswers answers)
    {
        foreach (double p in Rates)
        {
            foreach (double z in new[] { 2.0, -1.5 })
            {
                var (kept, dropped, test) = answers.SigmoidOutputUnderDropout(z, p);
                double sigmoid = 1 / (1 + Math.Exp(-z));
                var grade = Feedback.Numbers(e, $"(training kept, training dropped, test) for z = {z}, p = {p}",
                    [sigmoid / (1 - p), 0, sigmoid], [kept, dropped, test], 1e-9,
                    $"In training the output is σ(z)/(1−p) ≈ {sigmoid / (1 - p):0.###} or 0 — neither need be a probability, and the loss sees a " +
                    "different function every step; at test time it is σ(z). That is why dropout never goes on the output layer.",
                    (v => Math.Abs(v[2] - sigmoid * (1 - p)) < 1e-9, "you scaled at test time; inverted dropout leaves test time alone"),
                    (v => Math.Abs(v[0] - sigmoid) < 1e-9, "you forgot the 1/(1−p) scale on the kept output"),
                    (v => Math.Abs(v[0] - sigmoid / p) < 1e-9,
                        "you divided by p, the drop probability; the kept output is divided by the keep probability 1−p"));
                if (!grade.Passed) return grade;
            }
        }
        return Grade.Pass();
    }

    private static Grade MeanOverMasks(Exercise e, IAnswers answers)
    {
        const int passes = 1000;
        var mean = answers.MeanOverMasks(RefereeStack.Stack, Hidden, P, passes, new TorchGenerator(0));
        if (mean is null || mean.Length != Hidden.Length)
        {
            return Grade.Fail($"expected {Hidden.Length} means, one per unit (see {e.Page})");
        }
        if (mean.Zip(Hidden).All(t => t.First == t.Second))
        {
            return Grade.Fail($"every mean equals the input exactly: no mask was drawn. Put the dropout layer in training mode (SetTraining(true)) " +
                $"before the passes. (see {e.Page})");
        }
        // Each mean is a·K/(passes·(1−p)) with K ~ Binomial(passes, 1−p); 6 standard deviations bound a false failure below 1e-8.
        for (int i = 0; i < Hidden.Length; i++)
        {
            double sd = Hidden[i] * Math.Sqrt(P / (1 - P) / passes);
            if (Math.Abs(mean[i] - Hidden[i]) > 6 * sd)
            {
                string diagnosis = Math.Abs(mean[i] - Hidden[i] * (1 - P)) < 6 * sd
                    ? " The means sit near a·(1−p): the survivors were not rescaled by 1/(1−p)." : "";
                return Grade.Fail($"unit {i}: the mean over {passes} passes is {mean[i]:0.####} but should be within {6 * sd:0.####} of " +
                    $"{Hidden[i]}.{diagnosis} " +
                                  $"Inverted dropout preserves the expectation, so the average over many masks approaches the input (the document " +
                                      $"shows [0.3601 0.1293 0.4202 0.2501]). (see {e.Page})");
            }
        }
        return Grade.Pass();
    }

    private static Grade BatchNormShift(Exercise e, IAnswers answers)
    {
        const string why = "In training BatchNorm's running variance learns Var[dropout(x)] = 1/(1−p); at eval dropout is the identity, " +
                           "the input variance is 1, so BatchNorm divides by √(1/(1−p)) too much and its output variance drops to ≈ 1−p " +
                           "(0.5 at the document's p = 0.5). Practitioners put dropout after the last BatchNorm, or use little or none in blocks " +
                           "with BatchNorm.";
        foreach (double p in Rates)
        {
            // Closed form: x ~ N(0, 1) has Var[dropout(x)] = E[x²]/(1−p) = 1/(1−p), so the eval output variance is 1/(1/(1−p)) = 1 − p.
            // The tolerance covers the running variance's sampling error (momentum 0.1 over batches of 64) at every rate graded.
            double variance = answers.BatchNormAfterDropoutEvalVariance(RefereeStack.Stack, new TorchGenerator(3), p);
            var grade = Feedback.Number(e, $"eval-mode output variance of BatchNorm after Dropout({p})", 1 - p, variance, 0.06, why,
                (v => Math.Abs(v - 1) < 0.06, "the running statistics were collected without dropout active (was the model in training mode?)"),
                (v => Math.Abs(v - p) < 0.06 && Math.Abs(p - 0.5) > 0.1,
                    "the dropout layer was built with the keep probability 1−p; PyTorch's Dropout(p) takes the probability of dropping"),
                (v => Math.Abs(v - 1 / (1 - p)) < 0.15, "dropout was still active at eval time"));
            if (!grade.Passed) return grade;
        }
        return Grade.Pass();
    }
}
