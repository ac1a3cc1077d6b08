using Verification.Exercises.Grading;
using Verification.Exercises.Key;
using Verification.Exercises.Tests.WrongAnswers;
using Verification.Laws;
using Xunit;

namespace Verification.Exercises.Tests;

/// <summary>
/// The whole-layer and optimizer exercises reject each known-wrong implementation, and say which law caught it: the first law
/// the scorecard marks failed is the one named here, and the feedback shows that law, its counterexample and the page.
/// </summary>
public class StackGraderTests
{
    public static TheoryData<string, AnswerKey, string> WrongStacks() => new()
    {
        { "000.L1", new DropoutWith(DropoutBug.KeepDropSwapped), DropoutLaws.KeepsTheMean },
        { "000.L1", new DropoutWith(DropoutBug.NoRescale), DropoutLaws.KeepsTheMean },
        { "000.L1", new DropoutWith(DropoutBug.ScalesAtEval), DropoutLaws.EvalIsIdentity },
        { "003.L1", new DropoutWith(DropoutBug.FreshMaskInBackward), DropoutLaws.MaskAndGradient },
        { "003.L1", new DropoutWith(DropoutBug.NoRescale), DropoutLaws.MaskAndGradient },
        { "002.L4", new Dropout2dWithPerElementMask(), DropoutLaws.WholeChannels },
        { "002.L5", new BatchNormWithBiasedRunningVariance(), LayerLaws.BatchNormTraining },
        { "002.L1", new L2PenaltyOnBiasesToo(), PenaltyLaws.L2CoversWeightsOnly },
        { "002.L3", new AdamWWithCoupledDecay(), OptimizerLaws.ZeroGradientOnlyDecays },
        { "000.L4", new AdamWithoutBiasCorrection(), OptimizerLaws.AdamFirstStep },
        { "002.L2", new SgdWithoutWeightDecay(), SgdLaws.StepWithWeightDecay },
        { "000.L2", new ReluPassingGradientAtZero(), LayerLaws.ReluGradientAtZero },
        { "000.L3", new LinearOverwritingGradients(), LayerLaws.BackwardAccumulates },
        { "000.L5", new AdamWithoutBiasCorrection(), GoldenReferee.Law("experiments.json") },
    };

    [Theory]
    [MemberData(nameof(WrongStacks))]
    public void A_known_wrong_implementation_is_rejected_by_the_law_named(string id, AnswerKey wrong, string law)
    {
        Exercise exercise = Catalog.ById(id);
        Grade grade = Grader.Run(exercise, wrong);
        Assert.Equal(GradeStatus.Failed, grade.Status);
        Assert.Equal(law, grade.Laws.First(l => l.Status == GradeStatus.Failed).Law);
        Assert.StartsWith($"law broken: {law}\n", grade.Feedback, StringComparison.Ordinal);
        Assert.Contains(exercise.Page, grade.Feedback);
    }

    [Fact]
    public void Dropout_without_the_rescale_shows_the_law_the_counterexample_and_the_page_on_one_screen()
    {
        Grade grade = Grader.Run(Catalog.ById("000.L1"), new DropoutWith(DropoutBug.NoRescale));
        string[] lines = grade.Feedback.Split('\n');
        Assert.True(lines.Length <= 6, grade.Feedback);
        Assert.Equal($"law broken: {DropoutLaws.KeepsTheMean}", lines[0]);
        Assert.Matches(@"^  counterexample: x\[3, 5\], p = 0\.2, seed 2, 2000 passes", lines[1]);
        Assert.StartsWith("  expected: ", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("  got: ", lines[3], StringComparison.Ordinal);
        Assert.Equal("  re-read: 000_467f5e23d3be4dee.txt, \"Dropout; Dropout at inference\"; docs/exercises/000.md#000-L1", lines[4]);
    }

    [Fact]
    public void A_disagreement_with_Reference_is_reported_on_fscheck_s_shrunk_case()
    {
        // Fails on every shape with at least 3 rows and 2 columns: shrinking must land on exactly (3, 2).
        var violation = Assert.Throws<LawViolation>(() => ReferenceAgreement.Check("law", Inputs.Both(Inputs.Count(1, 40), Inputs.Count(1, 40)),
            c =>
            {
                if (c.Item1 >= 3 && c.Item2 >= 2) throw new LawViolation("law", new Counterexample([c.Item1, c.Item2]), "agreement", "none");
            }));
        Assert.Equal([3, 2], violation.Counterexample.Shape);
    }

    [Fact]
    public void Every_whole_layer_exercise_has_a_rejected_wrong_implementation()
    {
        var covered = WrongStacks().Select(row => (string)row[0]).ToHashSet();
        var missing = Catalog.All.Where(e => e.Kind != ExerciseKind.Value && !covered.Contains(e.Id)).Select(e => e.Id).ToArray();
        Assert.True(missing.Length == 0, $"whole-layer exercises without a tested wrong implementation: {string.Join(", ", missing)}");
        Assert.True(Catalog.All.Count(e => e.Kind != ExerciseKind.Value) >= 10);
    }

    [Fact]
    public void The_key_passes_every_law_of_every_whole_layer_exercise()
    {
        foreach (Exercise exercise in Catalog.All.Where(e => e.Kind != ExerciseKind.Value && e.Id != "000.L5"))
        {
            Grade grade = KeyGrades.Of(exercise);
            Assert.True(grade.Passed, $"{exercise.Id}: {grade.Feedback}");
            Assert.NotEmpty(grade.Laws);
            Assert.All(grade.Laws, l => Assert.Equal(GradeStatus.Passed, l.Status));
        }
    }

    [Fact]
    public void A_half_written_layer_fails_naming_the_stub_that_remains()
    {
        Grade grade = Grader.Run(Catalog.ById("000.L1"), new DropoutWithoutBackward());
        Assert.Equal(GradeStatus.Failed, grade.Status);
        Assert.Contains("still has a stub", grade.Feedback);
        Assert.Contains(grade.Laws, l => l.Status == GradeStatus.NotAttempted);
    }

    private sealed class DropoutWithoutBackward : AnswerKey
    {
        public override Core.IModule Dropout(double p, Core.Random.TorchGenerator generator) => new ForwardOnly(base.Dropout(p, generator));

        private sealed class ForwardOnly(Core.IModule inner) : Core.IModule
        {
            public bool IsTraining => inner.IsTraining;

            public void SetTraining(bool training) => inner.SetTraining(training);

            public Core.Tensor Forward(Core.Tensor input) => inner.Forward(input);

            public Core.Tensor Backward(Core.Tensor gradOutput) => throw new NotImplementedException("Exercise 003.L1 is not attempted yet");

            public IEnumerable<Core.NamedParameter> NamedParameters() => [];
        }
    }
}
