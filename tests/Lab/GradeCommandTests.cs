using System.Text.Json;
using Shouldly;
using Verification.Core.Documents;
using Verification.Lab.Tests.Support;
using Xunit;

namespace Verification.Lab.Tests;

/// <summary>
/// The scorecard: full marks for the answer key, zero (and no crash) for the untouched workbook. The command is tested on
/// one document of the key and on every document of the workbook; that the key earns every point of every document is
/// tested once, by the grader's own tests (tests/Exercises/GraderTests.cs), since grading the key in full costs as much
/// again as the rest of this project's tests together.
/// </summary>
public class GradeCommandTests
{
    [Fact]
    public void The_answer_key_earns_every_point_of_a_document_and_the_scorecard_is_written()
    {
        using var folder = new TempFolder();
        string markdown = Path.Combine(folder.Path, "scorecard.md");
        string json = Path.Combine(folder.Path, "scorecard.json");

        var (exit, output) = LabRun.Invoke("grade", "001", "--markdown", markdown, "--json", json);

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
        foreach (string document in new[] { CourseDocuments.Document000, CourseDocuments.Document001, CourseDocuments.Document002,
                     CourseDocuments.Document003, CourseDocuments.Document004 })
        {
            output.ShouldContain(document, customMessage: "without a document, grade grades every document");
        }
        output.ShouldContain("not attempted");
        output.ShouldNotContain("passed");
        output.ShouldMatch(@"(?s).*Total: 0/\d+ points.*");
    }

    [Fact]
    public void One_document_is_graded_by_its_number_with_each_layer_s_laws()
    {
        var (exit, output) = LabRun.Invoke("grade", "003");

        exit.ShouldBe(0, output);
        output.ShouldContain("003_8edb894460b127c3.txt");
        output.ShouldNotContain("000_467f5e23d3be4dee.txt");
        output.ShouldContain("003.L1 laws:");
        output.ShouldMatch(@"(?s).*passed\s+a dropped unit is 0 and passes no gradient.*");
    }

    [Theory]
    [InlineData("9")]
    [InlineData("0003")]
    [InlineData("abc")]
    public void A_document_that_does_not_exist_is_a_clear_error(string document)
    {
        var (exit, output) = LabRun.Invoke("grade", document);

        exit.ShouldBe(2);
        output.ShouldContain("DOCUMENT must be one of 000, 001, 002, 003, 004");
        output.ShouldContain($"but got '{document}'");
    }

    [Fact]
    public void The_json_scorecard_gives_each_exercise_its_kind_and_each_whole_layer_exercise_its_laws()
    {
        using var folder = new TempFolder();
        string json = Path.Combine(folder.Path, "scorecard.json");

        var (exit, output) = LabRun.Invoke("grade", "002", "--json", json);

        exit.ShouldBe(0, output);
        using var document = JsonDocument.Parse(File.ReadAllText(json));
        var exercises = document.RootElement.GetProperty("exercises").EnumerateArray()
            .ToDictionary(e => e.GetProperty("id").GetString()!, e => e);
        exercises["002.1"].GetProperty("kind").GetString().ShouldBe("value");
        exercises["002.L2"].GetProperty("kind").GetString().ShouldBe("optimizer");
        exercises["002.L4"].GetProperty("kind").GetString().ShouldBe("layer");
        exercises["002.L4"].GetProperty("laws").EnumerateArray().Select(l => l.GetProperty("law").GetString())
            .ShouldContain("channel dropout drops whole channels");
        exercises["002.1"].GetProperty("laws").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Watch_rebuilds_and_regrades_the_same_grade_in_a_fresh_release_process_on_each_saved_cs_file()
    {
        Verification.Lab.Commands.GradeCommand.RegradeArguments("003", workbook: true).ShouldBe(
            ["run", "-c", "Release", "--project", Path.Combine("src", "Lab"), "--", "grade", "003", "--workbook"]);
        Verification.Lab.Commands.GradeCommand.RegradeArguments(null, workbook: false).ShouldBe(
            ["run", "-c", "Release", "--project", Path.Combine("src", "Lab"), "--", "grade"]);
        Verification.Lab.Commands.GradeCommand.WatchedFolder.ShouldBe(Path.Combine("src", "Exercises", "Workbook"));
        Verification.Lab.Commands.GradeCommand.TriggersRegrade("src/Exercises/Workbook/Layers/Document000.Layers.cs").ShouldBeTrue();
        Verification.Lab.Commands.GradeCommand.TriggersRegrade("src/Exercises/Workbook/Layers/.Document000.Layers.cs.swp").ShouldBeFalse();
        Verification.Lab.Commands.GradeCommand.TriggersRegrade("src/Exercises/Workbook/notes.txt").ShouldBeFalse();
    }

    [Fact]
    public void Watch_with_a_document_that_does_not_exist_fails_before_starting_anything()
    {
        var (exit, output) = LabRun.Invoke("grade", "7", "--watch");

        exit.ShouldBe(2);
        output.ShouldContain("but got '7'");
        output.ShouldNotContain("Watching");
    }
}
