using FsCheck.Fluent;
using Verification.Core;
using Verification.Core.Documents;
using Verification.Core.Random;
using Verification.Exercises.Grading;

namespace Verification.Exercises.Documents;

/// <summary>The exercises of 001_9b6fb180196b46a2.txt: ten ones at p = 0.3 and the expected sum.</summary>
public static class Document001
{
    /// <summary>The document's file name.</summary>
    public const string File = CourseDocuments.Document001;

    /// <summary>Every exercise of the document.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        new("001.1", File, "Inverted Dropout (ten ones at p = 0.3)", "The factor kept units are scaled by", 1, Difficulty.Warmup, KeptScale),
        new("001.2", File, "Inverted Dropout (the expected sum)", "The expected sum after dropout", 2, Difficulty.Warmup, ExpectedSum),
        new("001.3", File, "Let's see dropout in action", "Counting zeros in training and in eval", 2, Difficulty.Core, CountZeros),
        new("001.4", File, "Common mistakes: forgetting model.eval()", "Find the bug: predictions that change every call", 2, Difficulty.Core,
            Predict),
        new("001.5", File, "Common mistakes: dropout on the output layer", "Find the bug: dropout after the last layer", 2, Difficulty.Core,
            Classifier),
        new("001.6", File, "Common mistakes: too high a rate", "Find the bug: a rate that leaves too few units", 1, Difficulty.Warmup, ActiveUnits),
    ];

    /// <summary>
    /// The drop probabilities 001.1 asks at: the document's 0.3, and 0.15 and 0.42, where dividing by the float32
    /// (1 − p), as ATen does, and rounding the double 1/(1 − p) to float32 give different floats.
    /// </summary>
    private static readonly double[] ScaleProbabilities = [0.3, 0.15, 0.42, 0.1, 0.8];

    private static Grade KeptScale(Exercise e, IAnswers answers)
    {
        foreach (double p in ScaleProbabilities)
        {
            // aten/src/ATen/native/Dropout.cpp: the float32 mask is divided by (1 - p) converted to the tensor's type.
            float expected = 1f / (float)(1 - p);
            float actual = answers.KeptScale(p);
            if (BitConverter.SingleToInt32Bits(actual) == BitConverter.SingleToInt32Bits(expected)) continue;
            string diagnosis = Math.Abs(actual - (float)(1 - p)) < 1e-6
                ? " You used the keep probability itself: the survivors are divided by it, not multiplied."
                : Math.Abs(actual - 1f / (float)p) < 1e-5 ? " You divided by p; the kept fraction is 1−p (p is the probability of DROPPING)."
                : actual == (float)(1 / (1 - p))
                    ? " You computed 1/(1 − p) in double precision and rounded once; ATen first rounds 1 − p to float32 and divides in " +
                      "float32, which lands on the neighbouring float at this p."
                : "";
            return Grade.Fail($"at p = {p} expected 1/(1 − p) = {expected:R} in float32 (the float32 division 1f/(float)(1 − p), as PyTorch " +
                $"computes it) but got {actual:R}.{diagnosis} (see {e.Page})");
        }
        return Grade.Pass();
    }

    private static Grade ExpectedSum(Exercise e, IAnswers answers)
    {
        const string why = "Each unit contributes x/(1−p) with probability 1−p, so each expects x and n units expect n·x: the 10 ones still sum to " +
            "10 on average.";
        var grade = Feedback.Number(e, "expected sum of ten ones at p = 0.3", 10, answers.ExpectedSumAfterDropout(10, 1, 0.3), 1e-9, why,
            (v => Math.Abs(v - 7) < 1e-9, "you counted the surviving units without their 1/(1−p) scale"),
            (v => Math.Abs(v - 10 / 0.7) < 1e-9, "you scaled every unit, forgetting that dropped units contribute nothing"));
        if (!grade.Passed) return grade;
        var cases = Inputs.All(Inputs.Count(1, 500), Inputs.Value(-2, 2), Inputs.DropProbability());
        return PropertyGrade.Check(e, cases, c =>
            Math.Abs(answers.ExpectedSumAfterDropout(c.Item1, c.Item2, c.Item3) - c.Item1 * c.Item2)
                <= 1e-9 * Math.Max(1, Math.Abs(c.Item1 * c.Item2)),
            why);
    }

    private static Grade CountZeros(Exercise e, IAnswers answers)
    {
        var expected = ZerosOfTheDocumentLayer(RefereeStack.Stack, new TorchGenerator(0));
        var actual = answers.CountZeroOutputs(RefereeStack.Stack, new TorchGenerator(0));
        if (actual == expected) return Grade.Pass();
        string diagnosis = actual.EvalZeros == 0
            ? " You reported no zeros in eval mode, as the document's printout does — but ReLU still zeroes every negative pre-activation; dropout " +
                "is what switches off."
            : actual.TrainingZeros == expected.TrainingZeros - expected.EvalZeros
                ? " You counted only the units dropout zeroed; the code counts every zero of the output, ReLU's included."
                : "";
        return Grade.Fail($"with seed 0, expected {expected.TrainingZeros} zeros in training and {expected.EvalZeros} in eval, got " +
            $"{actual.TrainingZeros} and {actual.EvalZeros}.{diagnosis} " +
                          $"Build the layer first, then draw x, so the draws follow the document's order. (see {e.Page})");
    }

    private static Grade Predict(Exercise e, IAnswers answers)
    {
        var stack = RefereeStack.Stack;
        var generator = new TorchGenerator(5);
        var model = stack.Sequential(stack.Linear(4, 8, generator), stack.ReLU(), stack.Dropout(0.5, generator), stack.Linear(8, 2, generator));
        var inputs = generator.Randn(6, 4);
        model.SetTraining(true);
        var before = generator.SaveState();
        var first = answers.Predict(model, inputs).Clone();
        var second = answers.Predict(model, inputs).Clone();
        var after = generator.SaveState();
        bool drew = !before.Engine.Words.AsSpan().SequenceEqual(after.Engine.Words) || before.Engine.Position != after.Engine.Position;
        if (drew || !first.Data.AsSpan().SequenceEqual(second.Data))
        {
            return Grade.Fail($"two predictions of the same inputs differ (or drew random numbers): dropout is still active. " +
                              $"Call SetTraining(false) — PyTorch's model.eval() — before predicting; that is the most common dropout bug. (see " +
                                  $"{e.Page})");
        }
        model.SetTraining(false);
        var expected = model.Forward(inputs);
        return first.Data.AsSpan().SequenceEqual(expected.Data) ? Grade.Pass()
            : Grade.Fail($"the predictions are deterministic but differ from the eval-mode forward pass (scaled at test time?). (see {e.Page})");
    }

    private static Grade Classifier(Exercise e, IAnswers answers)
    {
        var stack = RefereeStack.Stack;
        var model = answers.BuildClassifier(stack, new TorchGenerator(8), 10, 32, 3, 0.5);
        var names = model.NamedParameters().Select(p => p.Name).ToArray();
        string[] expectedNames = ["0.weight", "0.bias", "3.weight", "3.bias", "6.weight", "6.bias"];
        model.SetTraining(true);
        var output = model.Forward(new TorchGenerator(9).Randn(200, 10));
        int zeros = output.Data.Count(v => v == 0);
        if (zeros > 0)
        {
            return Grade.Fail($"{zeros} of {output.Length} training-mode outputs are exactly 0: dropout sits after the last layer and corrupts the " +
                $"predictions " +
                              $"the loss sees. Dropout belongs after hidden activations only. (see {e.Page})");
        }
        return names.SequenceEqual(expectedNames) ? Grade.Pass()
            : Grade.Fail("expected the layers Linear, ReLU, Dropout, Linear, ReLU, Dropout, Linear " +
                         $"(parameters {string.Join(", ", expectedNames)}) " +
                         $"but the parameters are named {string.Join(", ", names)}. (see {e.Page})");
    }

    /// <summary>
    /// The document's snippet run on the referee stack: Linear(100, 50), ReLU, Dropout(0.3), built first, then x drawn;
    /// the zeros of the output counted in training and in eval mode.
    /// </summary>
    private static (int TrainingZeros, int EvalZeros) ZerosOfTheDocumentLayer(IStack stack, TorchGenerator generator)
    {
        var layer = stack.Sequential(stack.Linear(100, 50, generator), stack.ReLU(), stack.Dropout(0.3, generator));
        var x = generator.Randn(1, 100);
        layer.SetTraining(true);
        int training = layer.Forward(x).Data.Count(v => v == 0);
        layer.SetTraining(false);
        int eval = layer.Forward(x).Data.Count(v => v == 0);
        return (training, eval);
    }

    private static Grade ActiveUnits(Exercise e, IAnswers answers)
    {
        const string why = "Each unit survives with probability 1−p, so n units keep n·(1−p) on average — an expectation, not a count, so no " +
                           "rounding. At p = 0.9, 20·0.1 = 2 units carry the whole layer each step — far too few. The document suggests starting " +
                           "near 0.3 and rarely going above 0.5.";
        var grade = Feedback.Number(e, "active units of a 20-unit layer at p = 0.9", 2, answers.ExpectedActiveUnits(20, 0.9), 1e-9, why,
            (v => Math.Abs(v - 18) < 1e-9, "you counted the dropped units; p is the probability of dropping"));
        if (!grade.Passed) return grade;
        var cases = Inputs.Both(Inputs.Count(1, 1000), Inputs.DropProbability());
        return PropertyGrade.Check(e, cases,
            c => Math.Abs(answers.ExpectedActiveUnits(c.Item1, c.Item2) - c.Item1 * (1 - c.Item2)) <= 1e-9 * Math.Max(1, c.Item1),
            "The expected number of active units must be n·(1−p) for every n and p, fractional values included. " + why);
    }
}
