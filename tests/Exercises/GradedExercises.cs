using Verification.Exercises.Grading;
using Xunit;

namespace Verification.Exercises.Tests;

/// <summary>
/// The graded exercises. They run against the answers <see cref="AnswerSelection"/> picks: the key by default (so CI
/// is green), the learner's workbook with <c>VERIFICATION_ANSWERS=workbook</c>. An unattempted stub is reported as
/// "not attempted" (the test is skipped-with-reason by failing with that message only in workbook mode).
/// </summary>
public class GradedExercises
{
    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var e in Catalog.All) data.Add(e.Id);
        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Exercise(string id)
    {
        var exercise = Catalog.ById(id);
        var answers = AnswerSelection.FromEnvironment();
        var grade = answers.GetType() == typeof(Key.AnswerKey) ? KeyGrades.Of(exercise) : Grader.Run(exercise, answers);
        Assert.True(grade.Passed, $"{exercise} [{exercise.Difficulty}, {exercise.Points} points, {exercise.Document}, {exercise.Section}]: " +
                                  $"{Scorecard.StatusText(grade.Status)} — {grade.Feedback}");
    }
}
