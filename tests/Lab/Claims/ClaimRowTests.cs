using Shouldly;
using Verification.Core.Documents;
using Verification.Experiments.Claims;
using Xunit;

namespace Verification.Lab.Tests.Claims;

/// <summary><see cref="ClaimRow.Of"/>: a row's id is its document's number and its topic.</summary>
public sealed class ClaimRowTests
{
    [Theory]
    [InlineData(CourseDocuments.Document000, "000.gap")]
    [InlineData(CourseDocuments.Document002, "002.gap")]
    [InlineData(CourseDocuments.Document004, "004.gap")]
    public void The_id_is_the_documents_number_a_dot_and_the_topic(string document, string id)
    {
        var row = ClaimRow.Of(document, "gap", "claim", "document value", "measured value", Verdict.Holds, "note");
        row.ShouldBe(new ClaimRow(id, document, "claim", "document value", "measured value", Verdict.Holds, "note"));
    }

    [Theory]
    [InlineData("notes.txt")]
    [InlineData("_467f5e23d3be4dee.txt")]
    public void A_name_that_is_not_a_course_documents_is_refused(string document)
    {
        var error = Should.Throw<ArgumentException>(
            () => ClaimRow.Of(document, "gap", "claim", "document value", "measured value", Verdict.Holds, "note"));
        error.ParamName.ShouldBe("document");
        error.Message.ShouldStartWith($"document must be a course document's file name, NNN_hash.txt, but got '{document}'.");
    }
}
