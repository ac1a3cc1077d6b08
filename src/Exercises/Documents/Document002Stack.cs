using Verification.Core;
using Verification.Core.Documents;
using Verification.Core.Penalties;
using Verification.Core.Random;
using Verification.Exercises.Grading;
using Verification.Laws;
using Verification.Parity;

namespace Verification.Exercises.Documents;

/// <summary>
/// The learner's stack, part 2 (002_91f9a1e79ea80b56.txt): the L2 penalty and its gradient, SGD's and AdamW's weight decay,
/// Dropout2d and BatchNorm1d, each graded by the laws, a gradient check where there is a backward, PyTorch's golden cases
/// where they exist, and agreement with the Reference stack (or, for the penalty, with src/Core/Penalties).
/// </summary>
public static class Document002Stack
{
    /// <summary>The document's file name.</summary>
    public const string File = CourseDocuments.Document002;

    private const string Agrees = Document000Stack.AgreesWithReference;

    /// <summary>Every exercise of the part.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        new("002.L1", File, "L1 and L2 Regularisation", "Your L2 penalty and its gradient, weights only", 3, Difficulty.Warmup, Penalty)
            { Kind = ExerciseKind.Optimizer },
        new("002.L2", File, "L1 and L2 Regularisation", "Your SGD step with weight decay", 3, Difficulty.Warmup, Sgd)
            { Kind = ExerciseKind.Optimizer },
        new("002.L3", File, "Interview question 2", "Your AdamW step: decoupled weight decay", 4, Difficulty.Core, AdamW)
            { Kind = ExerciseKind.Optimizer },
        new("002.L4", File, "Dropout: Internals, Inverted Scaling", "Your Dropout2d: whole channels", 4, Difficulty.Core, Dropout2d)
            { Kind = ExerciseKind.Layer },
        new("002.L5", File, "When Dropout Hurts, and What to Use Instead", "Your BatchNorm1d: batch and running statistics", 5,
            Difficulty.Stretch, BatchNorm) { Kind = ExerciseKind.Layer },
    ];

    /// <summary>A small Reference model with weights and (non-zero) biases: Linear(4, 3), ReLU, Linear(3, 2).</summary>
    private static IModule Model(ulong seed, int inFeatures = 4, int hidden = 3)
    {
        var generator = new TorchGenerator(seed);
        return new Reference.Sequential(new Reference.Linear(inFeatures, hidden, generator), new Reference.ReLU(),
            new Reference.Linear(hidden, 2, generator));
    }

    private static Grade Penalty(Exercise e, IAnswers answers) => LawGrade.Run(e,
    [
        new(PenaltyLaws.L2CoversWeightsOnly, () => PenaltyLaws.CheckL2CoversWeightsOnly(answers.L2Penalty, Model(51), 0.01, 51)),
        new(PenaltyLaws.L2GradientIsItsDerivative, () => PenaltyLaws.CheckL2GradientIsItsDerivative(answers.AddL2PenaltyGradient,
            Model(52), 0.03, 52)),
        new("agrees with src/Core/Penalties/L2Penalty.cs over generated models and λ", () => ReferenceAgreement.Check(
            "agrees with src/Core/Penalties/L2Penalty.cs", Inputs.All(Inputs.Count(1, 6), Inputs.Count(1, 6), Inputs.Count(0, 20),
                Inputs.Count(0, 999)), c =>
            {
                var (inFeatures, hidden, hundredths, seed) = c;
                double lambda = hundredths / 100.0;
                IModule model = Model((ulong)seed, inFeatures, hidden);
                var counterexample = new Counterexample([inFeatures, hidden, 2], Seed: (ulong)seed, Detail: $"λ {lambda}");
                Near.Equal([new L2Penalty(lambda).Value(model)], [answers.L2Penalty(model, lambda)], 1e-5, 1e-7,
                    "agrees with src/Core/Penalties/L2Penalty.cs", counterexample, "λ·Σ w²");
            })),
    ]);

    private static Grade Sgd(Exercise e, IAnswers answers) => LawGrade.Run(e,
    [
        new(SgdLaws.StepWithWeightDecay, () =>
        {
            SgdLaws.CheckStepWithWeightDecay((ps, lr, wd) => answers.SGD(ps, lr, wd), Sample.Parameters(61, 6, 2), 0.1, 0.05, 61);
            SgdLaws.CheckStepWithWeightDecay((ps, lr, wd) => answers.SGD(ps, lr, wd), Sample.Parameters(62, 5), 0.5, 0, 62);
        }),
        new(GoldenReferee.Law("optim.json"), () => OptimizerReferee.Golden("SGD", (ps, c) => answers.SGD(ps, c.Param("lr"),
            c.Param("weight_decay", 0)), c => !c.HasParam("momentum"))),
        new(Agrees, () => OptimizerReferee.AgreesWithReference(Agrees, (ps, lr, wd) => answers.SGD(ps, lr, wd),
            (ps, lr, wd) => new Reference.SGD(ps, lr, weightDecay: wd))),
    ]);

    private static Grade AdamW(Exercise e, IAnswers answers) => LawGrade.Run(e,
    [
        new(OptimizerLaws.ZeroGradientOnlyDecays, () => OptimizerLaws.CheckZeroGradientOnlyDecays(
            (ps, lr, wd) => answers.AdamW(ps, lr, 0.9, 0.999, 1e-8, wd), Sample.Parameters(71, 6, 3), 1e-2, 0.1, 71)),
        new(OptimizerLaws.AdamFirstStep, () => OptimizerLaws.CheckAdamFirstStep(
            ps => answers.AdamW(ps, 1e-3, 0.9, 0.999, 1e-8, 0), Sample.Parameters(72, 7), 1e-3, 72)),
        new(GoldenReferee.Law("optim.json"), () => OptimizerReferee.Golden("AdamW", answers.AdamW)),
        new(Agrees, () => OptimizerReferee.AgreesWithReference(Agrees, answers.AdamW,
            (ps, lr, wd) => new Reference.AdamW(ps, lr, weightDecay: wd))),
    ]);

    private static Grade Dropout2d(Exercise e, IAnswers answers)
    {
        DropoutFactory create = answers.Dropout2d;
        var stack = new LearnerStack(answers);
        return LawGrade.Run(e,
        [
            new(DropoutLaws.WholeChannels, () => DropoutLaws.CheckMaskAndGradient(create, Sample.Normal(81, 3, 4, 5),
                Sample.Normal(82, 3, 4, 5), 0.3, 81, channelSize: 5)),
            new(DropoutLaws.KeepsTheMean, () => DropoutLaws.CheckMoments(create, Sample.NonZero(83, 2, 3, 4), 0.2, 83, channelSize: 4)),
            new(DropoutLaws.EvalIsIdentity, () => DropoutLaws.CheckEvalIsIdentity(create, Sample.Normal(84, 2, 3, 4),
                Sample.Normal(85, 2, 3, 4), 0.3, 84)),
            new(GradientLaws.MatchesFiniteDifferences, () => GradientLaws.CheckFiniteDifferences(() => create(0.4, new TorchGenerator(86)),
                Sample.OnGrid(87, 2, 3, 4), Sample.Normal(88, 2, 3, 4), new Counterexample([2, 3, 4], 0.4, 86))),
            new(GoldenReferee.Law("dropout.json"), () => GoldenReferee.Check("dropout.json", c => c.Op == "Dropout2d",
                (c, check) => new DropoutGoldenCases().Run(c, stack, check))),
            new(Agrees, () => ReferenceAgreement.Check(Agrees,
                Inputs.All(Inputs.Count(1, 4), Inputs.Count(1, 5), Inputs.DropProbability(), Inputs.Count(0, 999)), c =>
                {
                    var (batch, channels, p, seed) = c;
                    IModule learner = create(p, new TorchGenerator((ulong)seed));
                    var reference = new Reference.Dropout2d(p, new TorchGenerator((ulong)seed));
                    Tensor x = Sample.Normal((ulong)seed + 1, batch, channels, 3), g = Sample.Normal((ulong)seed + 2, batch, channels, 3);
                    var counterexample = new Counterexample(x.Shape, p, (ulong)seed);
                    Sample.Same(Agrees, reference.Forward(x).Clone(), learner.Forward(x).Clone(), counterexample, "y");
                    Sample.Same(Agrees, reference.Backward(g).Clone(), learner.Backward(g).Clone(), counterexample, "∂L/∂x");
                })),
        ]);
    }

    private static Grade BatchNorm(Exercise e, IAnswers answers)
    {
        BatchNormFactory create = (features, momentum) => answers.BatchNorm1d(features, 1e-5, momentum);
        var stack = new LearnerStack(answers);
        return LawGrade.Run(e,
        [
            new(LayerLaws.BatchNormTraining, () => LayerLaws.CheckBatchNormTraining(create, Sample.Normal(91, 5, 3), 91)),
            new(LayerLaws.BatchNormEval, () => LayerLaws.CheckBatchNormEval(create, Sample.Normal(92, 6, 3), Sample.Normal(93, 6, 3), 92)),
            new(GradientLaws.MatchesFiniteDifferences, () => GradientLaws.CheckFiniteDifferences(() => create(3, 0.1),
                Sample.OnGrid(94, 6, 3), Sample.Normal(95, 6, 3), new Counterexample([6, 3], Seed: 94, Detail: "training mode"))),
            new(GoldenReferee.Law("layers.json"), () => GoldenReferee.Check("layers.json", c => c.Op == "BatchNorm1d",
                (c, check) => new LayerGoldenCases().Run(c, stack, check))),
            new(Agrees, () => ReferenceAgreement.Check(Agrees,
                Inputs.All(Inputs.Count(4, 8), Inputs.Count(1, 5), Inputs.Count(1, 9), Inputs.Count(0, 999)), c =>
                {
                    var (rows, features, tenths, seed) = c;
                    double momentum = tenths / 10.0;
                    IModule learner = create(features, momentum);
                    var reference = new Reference.BatchNorm1d(features, momentum: momentum);
                    var counterexample = new Counterexample([rows, features], Seed: (ulong)seed, Detail: $"momentum {momentum}");
                    for (int batch = 0; batch < 2; batch++)
                    {
                        Tensor x = Sample.Normal((ulong)seed + (ulong)batch, rows, features), g = Sample.Normal((ulong)seed + 7, rows, features);
                        Sample.Close(Agrees, reference.Forward(x).Clone(), learner.Forward(x).Clone(), counterexample, "y in training mode");
                        // ∂x subtracts two means from g (for N = 2 it is 0 up to rounding): rows from 4 and 1e-4 leave room for the cancellation.
                        Sample.Close(Agrees, reference.Backward(g).Clone(), learner.Backward(g).Clone(), counterexample, "∂L/∂x", 1e-4, 1e-5);
                    }
                    Tensor runningVar = learner.NamedBuffers().First(b => b.Name == "running_var").Value;
                    Sample.Close(Agrees, reference.RunningVar, runningVar, counterexample, "running_var");
                    learner.SetTraining(false);
                    reference.SetTraining(false);
                    Tensor z = Sample.Normal((ulong)seed + 9, rows, features);
                    Sample.Close(Agrees, reference.Forward(z).Clone(), learner.Forward(z).Clone(), counterexample, "y in eval mode");
                })),
        ]);
    }
}
