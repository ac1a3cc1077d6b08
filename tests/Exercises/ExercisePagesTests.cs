using System.Text.RegularExpressions;
using Xunit;

namespace Verification.Exercises.Tests;

/// <summary>Every graded exercise is restated on its page: the anchor its feedback links to exists, with hints and reasoning.</summary>
public partial class ExercisePagesTests
{
    [Fact]
    public void Every_exercise_s_feedback_link_lands_on_a_restatement_with_a_hint_and_the_reasoning()
    {
        var problems = new List<string>();
        foreach (var exercise in Catalog.All)
        {
            string[] parts = exercise.Page.Split('#');
            string path = Path.Combine(RepositoryRoot(), parts[0]);
            if (!File.Exists(path))
            {
                problems.Add($"{exercise.Id}: {parts[0]} does not exist");
                continue;
            }
            string page = File.ReadAllText(path);
            int anchor = page.IndexOf($"<a id=\"{parts[1]}\"></a>", StringComparison.Ordinal);
            if (anchor < 0)
            {
                problems.Add($"{exercise.Id}: no anchor {parts[1]} on {parts[0]}");
                continue;
            }
            // The section runs to the next exercise's anchor; anchors written side by side share one section.
            var next = NextAnchor().Match(page, anchor + 1);
            string section = next.Success ? page[anchor..next.Index] : page[anchor..];
            foreach (string part in new[] { "*Learning objective:*", "*Hint:*" })
            {
                if (!section.Contains(part, StringComparison.Ordinal)) problems.Add($"{exercise.Id}: its section on {parts[0]} has no {part}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_knowledge_check_page_asks_without_giving_the_answers()
    {
        string questions = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs/exercises/004.md"));
        string answers = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs/exercises/004-answers.md"));
        Assert.DoesNotMatch(@"\*\*[ABC]\*\*", questions);
        Assert.Contains("004-answers.md", questions);
        Assert.Equal(3, Regex.Matches(answers, @"\*\*A\*\*").Count);
    }

    [GeneratedRegex("\n<a id=")]
    private static partial Regex NextAnchor();

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Verification.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException($"no Verification.sln above {AppContext.BaseDirectory}.");
    }
}
