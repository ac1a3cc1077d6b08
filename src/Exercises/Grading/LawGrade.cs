using System.Text;
using Verification.Laws;

namespace Verification.Exercises.Grading;

/// <summary>
/// Grades a whole layer or optimizer by its referees, in order, recording each law's verdict. The feedback shows the first
/// broken law on one screen: its name, the counterexample (shape, p, seed, first differing element), what was expected,
/// what the learner's code gave, and the section to re-read.
/// </summary>
public static class LawGrade
{
    /// <summary>
    /// Runs every referee. A stub that throws <see cref="NotImplementedException"/> before any law has passed is "not
    /// attempted" (the exception propagates to <see cref="Grader"/>); after one has passed, the rest of the layer is
    /// half-written and the grade fails, naming the stub that remains.
    /// </summary>
    public static Grade Run(Exercise exercise, IReadOnlyList<Referee> referees)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(referees);
        var results = new List<LawResult>();
        string? feedback = null;
        foreach (Referee referee in referees)
        {
            try
            {
                referee.Check();
                results.Add(new LawResult(referee.Law, GradeStatus.Passed));
            }
            catch (NotImplementedException stub)
            {
                if (results.All(r => r.Status != GradeStatus.Passed)) throw;
                results.Add(new LawResult(referee.Law, GradeStatus.NotAttempted));
                feedback ??= $"{referee.Law}: not checked, your code still has a stub — {stub.Message}";
            }
            catch (LawViolation violation)
            {
                results.Add(new LawResult(violation.Law, GradeStatus.Failed));
                feedback ??= Explain(exercise, violation);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                results.Add(new LawResult(referee.Law, GradeStatus.Failed));
                feedback ??= $"{referee.Law}: your code threw {e.GetType().Name}: {e.Message}\n  re-read: {ReRead(exercise)}";
            }
        }
        int passed = results.Count(r => r.Status == GradeStatus.Passed);
        return feedback is null
            ? Grade.Pass($"all {passed} referees agree") with { Laws = results }
            : Grade.Fail(feedback) with { Laws = results };
    }

    /// <summary>The one-screen explanation of a broken law.</summary>
    public static string Explain(Exercise exercise, LawViolation violation)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        ArgumentNullException.ThrowIfNull(violation);
        var text = new StringBuilder();
        text.Append($"law broken: {violation.Law}\n");
        text.Append($"  counterexample: {violation.Counterexample}\n");
        text.Append($"  expected: {violation.Expected}\n");
        text.Append($"  got: {violation.Found}\n");
        text.Append($"  re-read: {ReRead(exercise)}");
        return text.ToString();
    }

    private static string ReRead(Exercise exercise) => $"{exercise.Document}, \"{exercise.Section}\"; {exercise.Page}";
}
