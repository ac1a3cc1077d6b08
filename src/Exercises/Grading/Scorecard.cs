using System.Text;
using System.Text.Json;

namespace Verification.Exercises.Grading;

/// <summary>Graded exercises summed up per document: points earned out of points possible, and each status.</summary>
public sealed class Scorecard
{
    /// <summary>A scorecard of the given grades.</summary>
    public Scorecard(IReadOnlyList<(Exercise Exercise, Grade Grade)> rows) => Rows = rows;

    /// <summary>Every exercise with its grade.</summary>
    public IReadOnlyList<(Exercise Exercise, Grade Grade)> Rows { get; }

    /// <summary>Points earned.</summary>
    public int Earned => Rows.Where(r => r.Grade.Passed).Sum(r => r.Exercise.Points);

    /// <summary>Points possible.</summary>
    public int Possible => Rows.Sum(r => r.Exercise.Points);

    /// <summary>Rows grouped by document, in document order.</summary>
    public IEnumerable<IGrouping<string, (Exercise Exercise, Grade Grade)>> ByDocument =>
        Rows.GroupBy(r => r.Exercise.Document).OrderBy(g => g.Key, StringComparer.Ordinal);

    /// <summary>The scorecard as Markdown: one table per document, then the total.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder("# Scorecard\n");
        foreach (var document in ByDocument)
        {
            text.Append($"\n## {document.Key}\n\n| exercise | title | difficulty | points | status |\n| --- | --- | --- | --- | --- |\n");
            foreach (var (exercise, grade) in document)
            {
                int earned = grade.Passed ? exercise.Points : 0;
                text.Append($"| {exercise.Id} | {exercise.Title} | {exercise.Difficulty} | {earned}/{exercise.Points} | ");
                text.Append($"{StatusText(grade.Status)} |\n");
            }
            foreach (var (exercise, grade) in document.Where(r => r.Grade.Laws.Count > 0))
            {
                text.Append($"\n{exercise.Id} laws: ");
                text.Append(string.Join("; ", grade.Laws.Select(l => $"{l.Law} — {StatusText(l.Status)}")));
                text.Append('\n');
            }
        }
        text.Append($"\n**Total: {Earned}/{Possible} points**\n");
        return text.ToString();
    }

    /// <summary>The scorecard as JSON (for CI).</summary>
    public string ToJson() => JsonSerializer.Serialize(new
    {
        earned = Earned,
        possible = Possible,
        exercises = Rows.Select(r => new
        {
            id = r.Exercise.Id,
            document = r.Exercise.Document,
            title = r.Exercise.Title,
            kind = r.Exercise.Kind.ToString().ToLowerInvariant(),
            difficulty = r.Exercise.Difficulty.ToString(),
            points = r.Exercise.Points,
            status = StatusText(r.Grade.Status),
            feedback = r.Grade.Passed ? null : r.Grade.Feedback,
            laws = r.Grade.Laws.Select(l => new { law = l.Law, status = StatusText(l.Status) }),
        }),
    }, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The words a status is shown with.</summary>
    public static string StatusText(GradeStatus status) => status switch
    {
        GradeStatus.Passed => "passed",
        GradeStatus.Failed => "failed",
        _ => "not attempted",
    };
}
