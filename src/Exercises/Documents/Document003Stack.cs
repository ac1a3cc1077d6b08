using Verification.Core;
using Verification.Core.Documents;
using Verification.Core.Random;
using Verification.Exercises.Grading;
using Verification.Laws;
using Verification.Parity;

namespace Verification.Exercises.Documents;

/// <summary>
/// The learner's stack, the backward half of dropout (003_8edb894460b127c3.txt, "Backpropagation Through Dropout"): the
/// gradient flows only through the kept units, scaled by the same 1/(1 − p), through the mask the forward pass drew.
/// </summary>
public static class Document003Stack
{
    /// <summary>The document's file name.</summary>
    public const string File = CourseDocuments.Document003;

    /// <summary>Every exercise of the part.</summary>
    public static IReadOnlyList<Exercise> All { get; } =
    [
        new("003.L1", File, "Backpropagation Through Dropout", "Your Dropout's backward: through the forward pass's mask", 4,
            Difficulty.Core, DropoutBackward) { Kind = ExerciseKind.Layer },
    ];

    private static Grade DropoutBackward(Exercise e, IAnswers answers)
    {
        DropoutFactory create = answers.Dropout;
        var stack = new LearnerStack(answers);
        const string agrees = Document000Stack.AgreesWithReference;
        return LawGrade.Run(e,
        [
            new(DropoutLaws.MaskAndGradient, () =>
            {
                DropoutLaws.CheckMaskAndGradient(create, Sample.Normal(41, 4, 6), Sample.Normal(42, 4, 6), 0.3, 41);
                DropoutLaws.CheckMaskAndGradient(create, Sample.Normal(43, 3, 7), Sample.Normal(44, 3, 7), 0.15, 43);
            }),
            new(GradientLaws.MatchesFiniteDifferences, () => GradientLaws.CheckFiniteDifferences(() => create(0.3, new TorchGenerator(45)),
                Sample.OnGrid(46, 4, 5), Sample.Normal(47, 4, 5), new Counterexample([4, 5], 0.3, 45))),
            new(GoldenReferee.Law("dropout.json"), () => GoldenReferee.Check("dropout.json", c => c.Op == "Dropout",
                (c, check) => new DropoutGoldenCases().Run(c, stack, check))),
            new(agrees, () => ReferenceAgreement.Check(agrees,
                Inputs.All(Inputs.Count(1, 6), Inputs.Count(1, 9), Inputs.DropProbability(), Inputs.Count(0, 999)), c =>
                {
                    var (rows, columns, p, seed) = c;
                    IModule learner = create(p, new TorchGenerator((ulong)seed));
                    var reference = new Reference.Dropout(p, new TorchGenerator((ulong)seed));
                    Tensor x = Sample.Normal((ulong)seed + 1, rows, columns), g = Sample.Normal((ulong)seed + 2, rows, columns);
                    reference.Forward(x);
                    learner.Forward(x);
                    Sample.Same(agrees, reference.Backward(g).Clone(), learner.Backward(g).Clone(),
                        new Counterexample(x.Shape, p, (ulong)seed), "∂L/∂x");
                })),
        ]);
    }
}
