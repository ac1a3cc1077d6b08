using System.Globalization;
using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Documents;
using Verification.Core.Random;
using Verification.Core.Training;
using Verification.Exercises.Grading;

namespace Verification.Exercises.Documents;

/// <summary>
/// The exercises of 000_467f5e23d3be4dee.txt: reproduce overfitting on the 60-sample set, shrink the gap with
/// dropout, evaluate the way the document does, and measure the forgotten-<c>model.eval()</c> bug.
/// The reference accuracies are PyTorch's own (tests/Golden/experiments.json, seed 42, epoch 100).
/// </summary>
public static class Document000
{
    /// <summary>The document's file name.</summary>
    public const string File = CourseDocuments.Document000;

    /// <summary>PyTorch 2.10, seed 42, after 100 full-batch Adam epochs: validation accuracy without and with dropout.</summary>
    private const double PyTorchValidationWithout = 0.755, PyTorchValidationWith = 0.7625;

    private const int Epochs = 100;

    /// <summary>Every exercise of the document.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        new("000.1", File, "Code, step 1 (reproduce overfitting)", "Build the over-sized network and watch it memorise", 3, Difficulty.Core, Overfit),
        new("000.2", File, "Code, step 2 (add dropout)", "Insert Dropout(0.4) after each hidden layer", 3, Difficulty.Core, AddDropout),
        new("000.3", File, "Code, step 3 (switch modes)", "Measure accuracy the way the document does", 2, Difficulty.Core, Accuracy),
        new("000.4", File, "Code, step 3 (the forgotten eval bug)", "Measure how noisy evaluation with dropout on is", 2, Difficulty.Stretch,
            NoisyAccuracy),
    ];

    /// <summary>The script's generator after it has drawn the data: <c>torch.manual_seed(42)</c>, X_train, X_val.</summary>
    private static (TorchGenerator Generator, OverfittingDataset Data) ScriptStart()
    {
        var generator = new TorchGenerator(42);
        return (generator, OverfittingData.Create(generator));
    }

    private static Grade Overfit(Exercise e, IAnswers answers)
    {
        var stack = RefereeStack.Stack;
        var (generator, data) = ScriptStart();
        var (twin, _) = ScriptStart();
        var model = answers.BuildOverfittingModel(stack, generator, 0);
        var expected = DocumentNetwork(stack, twin, 0);
        var structure = SameParameters(e, model, expected, "without dropout",
            "Three Linear layers 20→256→256→1 with a ReLU after each hidden one, and no dropout layer when p = 0");
        if (!structure.Passed) return structure;

        return TrainedLikePyTorch(e, stack, model, data, PyTorchValidationWithout,
            gap => $"100% on the 60 training samples, {Percent(1 - gap)} on the 400 held out: a gap of {Percent(gap)}. " +
                   $"The document prints 77%; PyTorch itself gives {Percent(PyTorchValidationWithout)} with seed 42.");
    }

    private static Grade AddDropout(Exercise e, IAnswers answers)
    {
        var stack = RefereeStack.Stack;
        // The script builds (and trains, drawing nothing) the first model before the second: both draw from one generator.
        var (generator, data) = ScriptStart();
        var (twin, _) = ScriptStart();
        DocumentNetwork(stack, generator, 0);
        DocumentNetwork(stack, twin, 0);
        var model = answers.BuildOverfittingModel(stack, generator, 0.4);
        var expected = DocumentNetwork(stack, twin, 0.4);
        var structure = SameParameters(e, model, expected, "with Dropout(0.4)",
            "Linear(20, 256), ReLU, Dropout(0.4), Linear(256, 256), ReLU, Dropout(0.4), Linear(256, 1): dropout after each hidden " +
            "activation, never after the output");
        if (!structure.Passed) return structure;

        model.SetTraining(true);
        expected.SetTraining(true);
        var output = model.Forward(data.TrainInputs);
        var expectedOutput = expected.Forward(data.TrainInputs);
        if (!output.Data.AsSpan().SequenceEqual(expectedOutput.Data))
        {
            int zeros = output.Data.Count(v => v == 0);
            string diagnosis = zeros > 0 ? $" {zeros} of the 60 outputs are exactly 0: a dropout layer sits after the output layer."
                : " The rate or the position of a dropout layer differs: p is the probability of DROPPING a unit (0.4), and each Dropout follows a " +
                    "hidden ReLU.";
            return Grade.Fail($"in training mode your model's outputs differ from the document's network with the same masks.{diagnosis} (see " +
                $"{e.Page})");
        }

        return TrainedLikePyTorch(e, stack, model, data, PyTorchValidationWith,
            gap => $"with dropout the gap after {Epochs} epochs is {Percent(gap)} against {Percent(1 - PyTorchValidationWithout)} " +
                   "without: smaller, though by less than the document's 79% suggests.");
    }

    private static Grade Accuracy(Exercise e, IAnswers answers)
    {
        var stack = RefereeStack.Stack;
        var (generator, data) = ScriptStart();
        var model = DocumentNetwork(stack, generator, 0.4);
        model.SetTraining(true);
        var before = generator.SaveState();
        double first = answers.Accuracy(model, data.ValidationInputs, data.ValidationTargets);
        bool drew = Drew(generator, before);
        double second = answers.Accuracy(model, data.ValidationInputs, data.ValidationTargets);
        double expected = ThresholdedAccuracy(model, data, 0f);
        if (drew || first != second)
        {
            return Grade.Fail($"your accuracy drew dropout masks (or changed between two calls: {first:0.####} then {second:0.####}): the model " +
                              $"was still in training mode. Switch to eval mode — SetTraining(false), PyTorch's model.eval() — before measuring. " +
                                  $"(see {e.Page})");
        }
        if (first == expected) return Grade.Pass();
        double halfThreshold = ThresholdedAccuracy(model, data, 0.5f);
        string diagnosis = first > 1 ? " You returned a count; the accuracy is the fraction of correct rows."
            : first == halfThreshold ? " You compared the logit with 0.5: the model outputs logits, and a logit above 0 is a probability above 0.5."
            : "";
        return Grade.Fail($"expected an accuracy of {expected:0.####} on the 400 validation rows, got {first:0.####}.{diagnosis} (see {e.Page})");
    }

    private static Grade NoisyAccuracy(Exercise e, IAnswers answers)
    {
        var stack = RefereeStack.Stack;
        var (generator, data) = ScriptStart();
        var (twin, _) = ScriptStart();
        var model = DocumentNetwork(stack, generator, 0.4);
        var expectedModel = DocumentNetwork(stack, twin, 0.4);
        const int repeats = 6;
        var actual = answers.AccuraciesWithDropoutLeftOn(model, data.ValidationInputs, data.ValidationTargets, repeats);
        expectedModel.SetTraining(true);
        var expected = Enumerable.Range(0, repeats)
            .Select(_ => CorrectFraction(expectedModel.Forward(data.ValidationInputs), data, 0f)).ToArray();
        const string why = "In training mode every forward pass draws a fresh mask, so the same model on the same data scores " +
                           "differently each time: the document's warning that such numbers are wrong and noisy.";
        return Feedback.Numbers(e, $"{repeats} validation accuracies with dropout left on (seed 42, untrained network)", expected, actual, 1e-12, why,
            (v => v.Count > 1 && v.All(x => x == v[0]),
                "you switched dropout off: every value is the same, which is the cure, not the bug being measured"));
    }

    /// <summary>
    /// The document's network built on the referee stack, independently of the answer key: PyTorch initialises each
    /// Linear as it is constructed (weight, then bias), so building the layers in <c>nn.Sequential</c>'s order draws what
    /// the script draws; Dropout draws nothing when built.
    /// </summary>
    private static IModule DocumentNetwork(IStack stack, TorchGenerator generator, double dropoutP)
    {
        var layers = new List<IModule> { stack.Linear(20, 256, generator), stack.ReLU() };
        if (dropoutP > 0) layers.Add(stack.Dropout(dropoutP, generator));
        layers.Add(stack.Linear(256, 256, generator));
        layers.Add(stack.ReLU());
        if (dropoutP > 0) layers.Add(stack.Dropout(dropoutP, generator));
        layers.Add(stack.Linear(256, 1, generator));
        return stack.Sequential([.. layers]);
    }

    /// <summary>Same parameter names, shapes and initial values, bit for bit.</summary>
    private static Grade SameParameters(Exercise e, IModule model, IModule expected, string which, string layout)
    {
        var actual = model.NamedParameters().ToArray();
        var wanted = expected.NamedParameters().ToArray();
        string actualNames = string.Join(", ", actual.Select(p => $"{p.Name} {p.Parameter.Value.ShapeText}"));
        string wantedNames = string.Join(", ", wanted.Select(p => $"{p.Name} {p.Parameter.Value.ShapeText}"));
        if (actualNames != wantedNames)
        {
            return Grade.Fail($"the network {which} should have the parameters {wantedNames} but has {actualNames}. {layout}. (see {e.Page})");
        }
        for (int i = 0; i < actual.Length; i++)
        {
            if (!actual[i].Parameter.Value.Data.AsSpan().SequenceEqual(wanted[i].Parameter.Value.Data))
            {
                return Grade.Fail($"the layers are right but {actual[i].Name} holds other initial values than PyTorch draws: build the layers in " +
                                  $"the document's order from the generator you are given (each Linear draws its weight, then its bias), " +
                                  $"after the data and without extra draws. (see {e.Page})");
            }
        }
        return Grade.Pass();
    }

    /// <summary>
    /// Trains as the document does — full-batch Adam (lr 5e-4) on BCEWithLogits for <see cref="Epochs"/> epochs — and
    /// passes when the eval-mode accuracies are PyTorch's: 100% training, <paramref name="validation"/> held out.
    /// </summary>
    private static Grade TrainedLikePyTorch(Exercise e, IStack stack, IModule model, OverfittingDataset data, double validation,
        Func<double, string> passNote)
    {
        var optimizer = stack.Adam(model.Parameters(), lr: 5e-4);
        var loss = stack.BCEWithLogitsLoss();
        for (int epoch = 0; epoch < Epochs; epoch++)
        {
            Trainer.FullBatchStep(model, loss, optimizer, data.TrainInputs, data.TrainTargets);
        }
        double train = Trainer.EvaluateBinaryAccuracy(model, data.TrainInputs, data.TrainTargets);
        double measured = Trainer.EvaluateBinaryAccuracy(model, data.ValidationInputs, data.ValidationTargets);
        if (train != 1.0 || !SameFraction(measured, validation, OverfittingData.ValidationCount))
        {
            return Grade.Fail($"after {Epochs} epochs expected 100% training and {Percent(validation)} validation accuracy " +
                              $"(PyTorch's numbers for seed 42), got {Percent(train)} and {Percent(measured)}. (see {e.Page})");
        }
        return Grade.Pass(passNote(train - measured));
    }

    /// <summary>The eval-mode validation accuracy with the prediction "logit above <paramref name="threshold"/>".</summary>
    private static double ThresholdedAccuracy(IModule model, OverfittingDataset data, float threshold)
    {
        model.SetTraining(false);
        return CorrectFraction(model.Forward(data.ValidationInputs), data, threshold);
    }

    /// <summary>The fraction of validation rows whose predicted class (logit above <paramref name="threshold"/>) is the label.</summary>
    private static double CorrectFraction(Tensor logits, OverfittingDataset data, float threshold)
    {
        int correct = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            if ((logits.Data[i] > threshold ? 1f : 0f) == data.ValidationTargets.Data[i]) correct++;
        }
        return (double)correct / logits.Length;
    }

    private static bool Drew(TorchGenerator generator, TorchGeneratorState before)
    {
        var after = generator.SaveState();
        return before.Engine.Position != after.Engine.Position || !before.Engine.Words.AsSpan().SequenceEqual(after.Engine.Words);
    }

    /// <summary>Accuracies are counts over <paramref name="rows"/>; compare the counts, not float32 fractions.</summary>
    private static bool SameFraction(double measured, double expected, int rows) => Math.Round(measured * rows) == Math.Round(expected * rows);

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
