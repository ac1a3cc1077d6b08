using Verification.Exercises.Grading;
using Verification.Exercises.Key;
using Verification.Exercises.Tests.WrongAnswers;
using Xunit;

namespace Verification.Exercises.Tests;

/// <summary>The grader is itself tested: every plausible wrong answer is rejected, with feedback aimed at its mistake.</summary>
public class GraderTests
{
    public static TheoryData<string, AnswerKey, string> WrongAnswers() => new()
    {
        { "000.1", new IdentityDropoutLayersKept(), "should have the parameters 0.weight [256, 20], 0.bias [256], 2.weight" },
        { "000.1", new LayersInitialisedOutOfOrder(), "other initial values than PyTorch draws" },
        { "000.2", new DropoutAfterTheOutput(), "never after the output" },
        { "000.2", new KeepProbabilityPassedAsP(), "p is the probability of DROPPING" },
        { "000.3", new AccuracyInTrainingMode(), "still in training mode" },
        { "000.3", new AccuracyThresholdedAtOneHalf(), "a logit above 0 is a probability above 0.5" },
        { "000.4", new NoisyAccuracyMeasuredInEvalMode(), "you switched dropout off" },
        { "003.1", new ExpectationWithoutKeepProbability(), "without weighting it by its probability" },
        { "003.1", new ExpectationScaledAtTestTime(), "old-style dropout at test time" },
        { "003.1", new ExpectationRightOnlyAtOneHalf(), "shrunk by FsCheck): struct (" },
        { "003.2", new GradientWithoutRescale(), "forgot the 1/(1−p) scale" },
        { "003.2", new GradientWithoutMask(), "did not apply the mask" },
        { "003.2", new GradientWithKeepDropConfused(), "keep/drop convention the wrong way round" },
        { "003.2", new GradientIgnoringReLU(), "shrunk by FsCheck): struct (" },
        { "003.3", new KeptUnitsListed(), "You listed the kept units" },
        { "003.4a", new MaskWithRescale(), "already rescaled" },
        { "003.4b", new InvertedDropoutWithoutRescale(), "forgot the 1/(1−p) rescaling" },
        { "003.4b", new InvertedDropoutDividedByP(), "you divided by p, the drop probability" },
        { "003.4c", new SubNetworksCountedAsUnits(), "counted units, not subsets" },
        { "003.6", new EnsembleAveragedUniformly(), "averaged masks uniformly" },
        { "003.7", new SigmoidScaledAtTestTime(), "scaled at test time" },
        { "003.7", new SigmoidDividedByP(), "you divided by p, the drop probability" },
        { "001.1", new ScaleWithKeepProbabilityConfusion(), "probability of DROPPING" },
        { "001.1", new KeptScaleRoundedFromDouble(), "in double precision and rounded once" },
        { "001.2", new SumWithoutRescale(), "without their 1/(1−p) scale" },
        { "002.1", new VarianceWithoutMeanSquared(), "forgot to subtract E[y]²" },
        { "002.2", new L2PullWithoutTwo(), "dropped the factor 2" },
        { "002.2", new L2PullSigned(), "you returned the signed derivative 2λw" },
        { "004.2", new DropoutIsWeightDecay(), "not the same operation" },
        { "004.4", new ZeroedTheWrongUnits(), "zeroed the kept units" },
        { "003.5", new MeanOverMasksInEvalMode(), "training mode" },
        { "003.5", new MeanOverMasksWithoutRescale(), "not rescaled by 1/(1−p)" },
        { "003.8", new BatchNormStatisticsWithoutDropout(), "collected without dropout active" },
        { "003.8", new BatchNormAfterKeepProbabilityDropout(), "built with the keep probability 1−p" },
        { "001.3", new NoZerosInEval(), "ReLU still zeroes" },
        { "001.4", new PredictInTrainingMode(), "dropout is still active" },
        { "001.5", new DropoutOnTheOutputLayer(), "dropout sits after the last layer" },
        { "001.6", new ActiveUnitsCountedAsDropped(), "counted the dropped units" },
        { "001.6", new ActiveUnitsRounded(), "shrunk by FsCheck)" },
        { "002.3", new ParameterCountsWithoutBiases(), "left out the biases" },
        { "002.4", new AdamWhereAdamWWasAsked(), "coupled decay where AdamW was asked" },
        { "002.5", new ResidualStatisticsWithoutDropout(), "dropout inactive" },
        { "tbx.1", new DroppedChannelsCounted(), "counted the dropped channels" },
        { "tbx.1", new KeptElementsCounted(), "whole H×W planes" },
        { "tbx.1", new InputDrawnBeforeTheLayer(), "draw nothing else first" },
        { "tbx.2", new AlphaAffineWithKeepProbability(), "keep probability" },
        { "tbx.2", new AlphaAffineWithoutAlphaSquared(), "the α′² term is missing" },
        { "tbx.2", new AlphaAffineWithNegativeShift(), "wrong sign" },
        { "tbx.3", new McPredictionInEvalMode(), "dropout was off" },
        { "tbx.3", new McPredictionWithBatchNormTraining(), "BatchNorm must stay in eval mode" },
        { "tbx.3", new McPredictionWithSampleDeviation(), "divided by T − 1" },
        { "tbx.3", new McPredictionLeavingTrainingMode(), "put every module back" },
        { "tbx.4", new WeightDecayDoubled(), "you doubled the decay" },
        { "tbx.4", new WeightDecayWithoutLearningRate(), "missing its learning rate" },
        { "tbx.5", new DropConnectMeanWithoutRescale(), "forgot the 1/(1 − p)" },
        { "tbx.5", new DropConnectMeanScaledUp(), "survives only with probability 1 − p" },
        { "tbx.6", new StochasticDepthWithoutScaling(), "was not scaled by 1/(1 − p)" },
        { "tbx.6", new StochasticDepthDroppingTheSkip(), "lost its skip connection" },
        { "tbx.6", new StochasticDepthScalingTheSkip(), "skip connection included" },
    };

    [Theory]
    [MemberData(nameof(WrongAnswers))]
    public void A_classic_mistake_is_rejected_with_feedback_that_names_it(string id, AnswerKey wrong, string feedback)
    {
        var exercise = Catalog.ById(id);
        var grade = Grader.Run(exercise, wrong);
        Assert.Equal(GradeStatus.Failed, grade.Status);
        Assert.Contains(feedback, grade.Feedback);
        Assert.Contains(exercise.Page, grade.Feedback);
    }

    [Fact]
    public void Every_exercise_has_at_least_one_rejected_wrong_answer()
    {
        var covered = WrongAnswers().Concat(StackGraderTests.WrongStacks()).Select(row => (string)row[0]).ToHashSet();
        var knowledgeChecks = new[] { "004.1", "004.3" }; // multiple choice: any other letter is the wrong answer
        var missing = Catalog.All.Select(e => e.Id).Where(id => !covered.Contains(id) && !knowledgeChecks.Contains(id)).ToArray();
        Assert.True(missing.Length == 0, $"exercises without a tested wrong answer: {string.Join(", ", missing)}");
        foreach (var id in knowledgeChecks)
        {
            Assert.Equal(GradeStatus.Failed, Grader.Run(Catalog.ById(id), new DropoutIsWeightDecayEverywhere()).Status);
        }
    }

    private sealed class DropoutIsWeightDecayEverywhere : AnswerKey
    {
        public override char KnowledgeCheck(int question) => 'C';
    }

    [Fact]
    public void The_untouched_workbook_reads_as_not_attempted_not_as_a_crash()
    {
        var card = new Scorecard(Grader.RunAll(new Workbook.Workbook()));
        Assert.All(card.Rows, r => Assert.Equal(GradeStatus.NotAttempted, r.Grade.Status));
        Assert.All(card.Rows, r => Assert.Contains("docs/exercises/", r.Grade.Feedback));
        Assert.Equal(0, card.Earned);
        Assert.Contains("not attempted", card.ToMarkdown());
    }

    [Fact]
    public void The_answer_key_earns_every_point_and_the_scorecard_says_so()
    {
        var card = new Scorecard(KeyGrades.All());
        Assert.Equal(card.Possible, card.Earned);
        Assert.Contains($"**Total: {card.Possible}/{card.Possible} points**", card.ToMarkdown());
        Assert.Contains("\"earned\":", card.ToJson());
        Assert.Equal(Catalog.All.Select(e => e.Document).Distinct().Count(), card.ByDocument.Count());
    }

    [Fact]
    public void An_answer_that_throws_is_a_failure_that_names_the_exception()
    {
        var grade = Grader.Run(Catalog.ById("003.3"), new Throwing());
        Assert.Equal(GradeStatus.Failed, grade.Status);
        Assert.Contains("InvalidOperationException", grade.Feedback);
    }

    private sealed class Throwing : AnswerKey
    {
        public override int[] UnitsWithoutUpdates(float[] mask) => throw new InvalidOperationException("oops");
    }

    [Fact]
    public void The_answer_switch_accepts_key_and_workbook_only()
    {
        Assert.IsType<AnswerKey>(AnswerSelection.ByName(null));
        Assert.IsType<AnswerKey>(AnswerSelection.ByName(" Key "));
        Assert.IsType<Workbook.Workbook>(AnswerSelection.ByName("workbook"));
        var ex = Assert.Throws<ArgumentException>(() => AnswerSelection.ByName("mine"));
        Assert.Contains("VERIFICATION_ANSWERS", ex.Message);
        Assert.Throws<ArgumentException>(() => Catalog.ById("999"));
    }
}

public class ShrinkingTests
{
    [Fact]
    public void A_property_failure_reports_the_shrunk_counterexample_not_the_first_one_found()
    {
        var grade = Grader.Run(Catalog.ById("003.1"), new WrongAnswers.ExpectationRightOnlyAtOneHalf());
        // 2·p·a differs from a for every a ≠ 0 unless p = 0.5; shrinking moves p to 0 and a to one grid step.
        Assert.Matches(@"struct \(-?0\.01, 0(\.0)?\)", grade.Feedback);
    }

    [Fact]
    public void The_counterexample_is_cut_out_of_fscheck_s_report()
    {
        Assert.Equal("(1, 2)", PropertyGrade.ShrunkPart("Falsifiable, after 3 tests\nOriginal:\n(5, 7)\nShrunk:\n(1, 2)\nwith exception: X"));
        Assert.Equal("(5, 7)", PropertyGrade.ShrunkPart("Falsifiable\nOriginal: (5, 7) with exception: X"));
        Assert.Equal("nothing to cut", PropertyGrade.ShrunkPart("nothing to cut"));
    }
}
