using Verification.Core;
using Verification.Core.Data;
using Verification.Core.Documents;
using Verification.Core.Random;
using Verification.Core.Scripts;
using Verification.Core.Training;
using Verification.Exercises.Grading;
using Verification.Laws;
using Verification.Parity;
using Verification.Reference;

namespace Verification.Exercises.Documents;

/// <summary>
/// The learner's stack, part 1 (000_467f5e23d3be4dee.txt): Dropout in training and eval mode, ReLU's and Linear's backward,
/// Adam's step — and then the document's experiment run on those four. Each is graded by the laws both stacks obey
/// (src/Laws), a finite-difference gradient check, PyTorch's golden cases and agreement with the Reference stack.
/// </summary>
public static class Document000Stack
{
    /// <summary>The document's file name.</summary>
    public const string File = CourseDocuments.Document000;

    /// <summary>The law the Reference comparisons are reported under.</summary>
    public const string AgreesWithReference = "agrees with the Reference stack over generated shapes, p and seeds";

    /// <summary>The law the experiment is reported under.</summary>
    public const string ReproducesTheExperiment =
        "your stack reproduces the document's experiment: PyTorch's loss every epoch, its accuracies after 100 (tests/Golden/experiments.json)";

    /// <summary>Epochs of the experiment the grader trains (the script's 100-epoch printout).</summary>
    public const int ExperimentEpochs = 100;

    /// <summary>Every exercise of the part.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        new("000.L1", File, "Dropout; Dropout at inference", "Your Dropout: inverted scaling in training, the identity in eval", 5,
            Difficulty.Core, Dropout) { Kind = ExerciseKind.Layer },
        new("000.L2", File, "Code", "Your ReLU's backward", 2, Difficulty.Warmup, ReLU) { Kind = ExerciseKind.Layer },
        new("000.L3", File, "Code", "Your Linear's backward", 4, Difficulty.Core, Linear) { Kind = ExerciseKind.Layer },
        new("000.L4", File, "Code", "Your Adam step", 4, Difficulty.Core, Adam) { Kind = ExerciseKind.Optimizer },
        new("000.L5", File, "Code, steps 1 to 3", "Your Dropout, ReLU, Linear and Adam run the document's experiment", 5,
            Difficulty.Stretch, Experiment) { Kind = ExerciseKind.Layer },
    ];

    private static Grade Dropout(Exercise e, IAnswers answers)
    {
        DropoutFactory create = answers.Dropout;
        return LawGrade.Run(e,
        [
            new(DropoutLaws.SameSeedSameMask, () => DropoutLaws.CheckSameSeedSameMask(create, Sample.Normal(1, 4, 6), 0.3, 1)),
            // p = 0.2 and 0.7, far from 0.5, so a keep probability passed where the drop probability belongs cannot pass.
            new(DropoutLaws.KeepsTheMean, () =>
            {
                DropoutLaws.CheckMoments(create, Sample.NonZero(2, 3, 5), 0.2, 2);
                DropoutLaws.CheckMoments(create, Sample.NonZero(3, 3, 5), 0.7, 3);
            }),
            new(GoldenReferee.Law("dropout.json"), () => GoldenReferee.Check("dropout.json", c => c.Op is "Dropout" or "Dropout.ones",
                (c, check) => DropoutForwardMatchesPyTorch(create, c, check))),
            new(AgreesWithReference, () => ReferenceAgreement.Check(AgreesWithReference,
                Inputs.All(Inputs.Count(1, 6), Inputs.Count(1, 9), Inputs.DropProbability(), Inputs.Count(0, 999)), c =>
                {
                    var (rows, columns, p, seed) = c;
                    IModule learner = create(p, new TorchGenerator((ulong)seed));
                    var reference = new Reference.Dropout(p, new TorchGenerator((ulong)seed));
                    Tensor x = Sample.Normal((ulong)seed + 1, rows, columns);
                    for (int pass = 0; pass < 2; pass++)
                    {
                        Sample.Same(AgreesWithReference, reference.Forward(x).Clone(), learner.Forward(x).Clone(),
                            new Counterexample(x.Shape, p, (ulong)seed, Detail: $"pass {pass}"), "y");
                    }
                })),
            new(DropoutLaws.EvalIsIdentity, () => DropoutLaws.CheckEvalIsIdentity(create, Sample.Normal(4, 3, 4), Sample.Normal(5, 3, 4), 0.3, 4)),
            new(DropoutLaws.ZeroIsIdentity, () => DropoutLaws.CheckZeroProbabilityIsIdentity(create, Sample.Normal(6, 2, 5),
                Sample.Normal(7, 2, 5), 6)),
            new(DropoutLaws.OneGivesZeros, () => DropoutLaws.CheckOneProbabilityGivesZeros(create, Sample.Normal(8, 2, 5),
                Sample.Normal(9, 2, 5), 8)),
        ]);
    }

    /// <summary>dropout.json's forward half: the same generator draws x, grad_output, then the mask; y must be PyTorch's, bit for bit.</summary>
    private static void DropoutForwardMatchesPyTorch(DropoutFactory create, GoldenCase c, CaseCheck check)
    {
        int[] shape = c.Ints("shape");
        var generator = new TorchGenerator(c.Seed);
        if (c.Op == "Dropout.ones")
        {
            check.Values("y", c.Floats("values"), create(c.Param("p"), generator).Forward(Tensor.Ones(shape)).Data, ParityTolerances.Dropout);
            return;
        }
        Tensor x = generator.Randn(shape);
        generator.Randn(shape);
        check.Values("y", c.Floats("y"), create(c.Param("p"), generator).Forward(x).Data, ParityTolerances.Dropout);
    }

    private static Grade ReLU(Exercise e, IAnswers answers)
    {
        var stack = new LearnerStack(answers);
        return LawGrade.Run(e,
        [
            new(LayerLaws.ReluGradientAtZero, () => LayerLaws.CheckReluGradientAtZero(answers.ReLU)),
            new(GradientLaws.MatchesFiniteDifferences, () => GradientLaws.CheckFiniteDifferences(answers.ReLU, Sample.OnGrid(11, 4, 6),
                Sample.Normal(12, 4, 6), new Counterexample([4, 6], Seed: 11), skipKinks: true)),
            new(GoldenReferee.Law("layers.json"), () => GoldenReferee.Check("layers.json", c => c.Op == "ReLU",
                (c, check) => new LayerGoldenCases().Run(c, stack, check))),
            new(AgreesWithReference, () => ReferenceAgreement.Check(AgreesWithReference,
                Inputs.All(Inputs.Count(1, 6), Inputs.Count(1, 9), Inputs.Count(0, 999)), c =>
                {
                    var (rows, columns, seed) = c;
                    Tensor x = Sample.Normal((ulong)seed, rows, columns), g = Sample.Normal((ulong)seed + 1, rows, columns);
                    IModule learner = answers.ReLU();
                    var reference = new Reference.ReLU();
                    var counterexample = new Counterexample(x.Shape, Seed: (ulong)seed);
                    Sample.Same(AgreesWithReference, reference.Forward(x).Clone(), learner.Forward(x).Clone(), counterexample, "y");
                    Sample.Same(AgreesWithReference, reference.Backward(g), learner.Backward(g), counterexample, "∂L/∂x");
                })),
        ]);
    }

    private static Grade Linear(Exercise e, IAnswers answers)
    {
        var stack = new LearnerStack(answers);
        LinearFactory create = answers.Linear;
        return LawGrade.Run(e,
        [
            new(GradientLaws.MatchesFiniteDifferences, () => GradientLaws.CheckFiniteDifferences(
                () => answers.Linear(4, 3, new TorchGenerator(21)), Sample.OnGrid(22, 5, 4), Sample.Normal(23, 5, 3),
                new Counterexample([5, 4], Seed: 21, Detail: "Linear(4, 3)"))),
            new(LayerLaws.BackwardAccumulates, () => LayerLaws.CheckBackwardAccumulates(answers.Linear(5, 3, new TorchGenerator(24)),
                Sample.Normal(25, 4, 5), Sample.Normal(26, 4, 3), 24)),
            new(LayerLaws.LeadingDimensionsAreRows, () => LayerLaws.CheckLeadingDimensionsAreRows(create, Sample.Normal(27, 2, 3, 5),
                Sample.Normal(28, 2, 3, 4), 4, 27)),
            new(GoldenReferee.Law("layers.json"), () => GoldenReferee.Check("layers.json", c => c.Op == "Linear" && c.Has("x"),
                (c, check) => new LayerGoldenCases().Run(c, stack, check))),
            new(AgreesWithReference, () => ReferenceAgreement.Check(AgreesWithReference,
                Inputs.All(Inputs.Count(1, 5), Inputs.Count(1, 7), Inputs.Count(1, 6), Inputs.Count(0, 999)), c =>
                {
                    var (rows, inFeatures, outFeatures, seed) = c;
                    IModule learner = answers.Linear(inFeatures, outFeatures, new TorchGenerator((ulong)seed));
                    var reference = new Reference.Linear(inFeatures, outFeatures, new TorchGenerator((ulong)seed));
                    Tensor x = Sample.Normal((ulong)seed + 1, rows, inFeatures), g = Sample.Normal((ulong)seed + 2, rows, outFeatures);
                    var counterexample = new Counterexample(x.Shape, Seed: (ulong)seed, Detail: $"Linear({inFeatures}, {outFeatures})");
                    Sample.Close(AgreesWithReference, reference.Forward(x).Clone(), learner.Forward(x).Clone(), counterexample, "y");
                    Sample.Close(AgreesWithReference, reference.Backward(g).Clone(), learner.Backward(g).Clone(), counterexample, "∂L/∂x");
                    Parameter[] mine = learner.Parameters().ToArray(), theirs = reference.Parameters().ToArray();
                    for (int k = 0; k < theirs.Length; k++)
                    {
                        Sample.Close(AgreesWithReference, theirs[k].Grad, mine[k].Grad, counterexample.With($"parameter {k}"), "∂L/∂θ");
                    }
                })),
        ]);
    }

    private static Grade Adam(Exercise e, IAnswers answers) => LawGrade.Run(e,
    [
        new(OptimizerLaws.AdamFirstStep, () => OptimizerLaws.CheckAdamFirstStep(
            ps => answers.Adam(ps, 1e-3, 0.9, 0.999, 1e-8, 0), Sample.Parameters(31, 7, 3), 1e-3, 31)),
        new(GoldenReferee.Law("optim.json"), () => OptimizerReferee.Golden("Adam", answers.Adam)),
        new(AgreesWithReference, () => OptimizerReferee.AgreesWithReference(AgreesWithReference, answers.Adam,
            (ps, lr, wd) => new Reference.Adam(ps, lr, weightDecay: wd))),
    ]);

    private static Grade Experiment(Exercise e, IAnswers answers)
    {
        var stack = new LearnerStack(answers);
        return LawGrade.Run(e,
        [
            new(ReproducesTheExperiment, () => GoldenReferee.Check("experiments.json",
                c => c.Op == "overfitting" && c.Seed == 42 && c.Param("dropout") > 0, (c, check) => TrainLikeTheScript(stack, c, check))),
        ]);
    }

    /// <summary>
    /// The script's run with Dropout(0.4) on the learner's stack: the same draws (data, the first model's initialisation, then
    /// this model's and its masks), <see cref="ExperimentEpochs"/> full-batch Adam steps with each epoch's training loss
    /// compared with PyTorch's (within <see cref="ParityTolerances.ExperimentLoss"/>), then the eval-mode training and
    /// validation accuracies the document prints, which must be PyTorch's exactly. Accuracy is measured once, at the end,
    /// rather than every epoch as <see cref="ExperimentGoldenCases"/> does: the 400 validation rows would triple the cost.
    /// </summary>
    private static void TrainLikeTheScript(IStack stack, GoldenCase c, CaseCheck check)
    {
        var settings = new OverfittingScript.Settings(Seed: c.Seed, Epochs: ExperimentEpochs, LearningRate: c.Param("lr"),
            DropoutP: c.Param("dropout"));
        var generator = new TorchGenerator(settings.Seed);
        var data = OverfittingData.Create(generator);
        OverfittingScript.BuildModel(stack, generator, settings, dropout: false);
        IModule model = OverfittingScript.BuildModel(stack, generator, settings, dropout: true);
        IOptimizer optimizer = stack.Adam(model.Parameters(), lr: settings.LearningRate);
        ILoss loss = stack.BCEWithLogitsLoss();
        float[] expectedLoss = c.Floats("loss");
        for (int epoch = 0; epoch < ExperimentEpochs; epoch++)
        {
            // Stop at the first epoch whose loss leaves PyTorch's: the later ones only repeat the news, at seconds each.
            float measured = Trainer.FullBatchStep(model, loss, optimizer, data.TrainInputs, data.TrainTargets);
            check.Value($"training loss of epoch {epoch + 1}", expectedLoss[epoch], measured, ParityTolerances.ExperimentLoss);
            if (!check.Ok) return;
        }
        check.Value($"training accuracy after epoch {ExperimentEpochs}", c.Floats("train_acc")[ExperimentEpochs - 1],
            Trainer.EvaluateBinaryAccuracy(model, data.TrainInputs, data.TrainTargets), ParityTolerances.ExperimentAccuracy);
        check.Value($"validation accuracy after epoch {ExperimentEpochs}", c.Floats("val_acc")[ExperimentEpochs - 1],
            Trainer.EvaluateBinaryAccuracy(model, data.ValidationInputs, data.ValidationTargets), ParityTolerances.ExperimentAccuracy);
    }
}
