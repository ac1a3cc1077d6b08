using System.Text.Json;
using Shouldly;
using Verification.Lab.Tests.Support;
using Xunit;

namespace Verification.Lab.Tests;

/// <summary>The scorecard: full marks for the answer key, zero (and no crash) for the untouched workbook.</summary>
public class GradeCommandTests
{
    [Fact]
    public void The_answer_key_earns_every_point_and_the_scorecard_is_written()
    {
        using var folder = new TempFolder();
        string markdown = Path.Combine(folder.Path, "scorecard.md");
        string json = Path.Combine(folder.Path, "scorecard.json");

        var (exit, output) = LabRun.Invoke("grade", "--markdown", markdown, "--json", json);

        exit.ShouldBe(0, output);
        output.ShouldContain("Grading the answer key");
        output.ShouldNotContain("not attempted");
        var total = System.Text.RegularExpressions.Regex.Match(output, @"Total: (\d+)/(\d+) points");
        total.Success.ShouldBeTrue(output);
        total.Groups[1].Value.ShouldBe(total.Groups[2].Value);
        File.ReadAllText(markdown).ShouldContain("| ");
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        document.RootElement.ValueKind.ShouldBe(JsonValueKind.Object);
    }

    [Fact]
    public void The_untouched_workbook_scores_zero_without_crashing()
    {
        var (exit, output) = LabRun.Invoke("grade", "--workbook");

        exit.ShouldBe(1);
        output.ShouldContain("Grading your workbook");
        output.ShouldContain("not attempted");
        output.ShouldNotContain("passed");
        output.ShouldMatch(@"(?s).*Total: 0/\d+ points.*");
    }
}
