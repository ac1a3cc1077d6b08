using Xunit;

namespace Verification.Lab.Tests.Repository;

/// <summary>The two scanners the hygiene tests rely on, on inputs that would fool a naive search.</summary>
public class HygieneScannerTests
{
    [Fact]
    public void Comments_are_found_with_their_lines_and_string_or_character_literals_are_stepped_over()
    {
        const string source = """
            const string Url = "https://example.com/a // not a comment";
            const string Raw = \"\"\"
                // not a comment either
                \"\"\";
            const char Quote = '"'; // one
            const string Verbatim = @"a ""quoted"" // no"; /* two
               three */
            /// four
            """;
        var comments = CSharpComments.Of(source.Replace("\\\"", "\"", StringComparison.Ordinal));
        Assert.Equal([new CommentLine(5, "one"), new CommentLine(6, "two"), new CommentLine(7, "three"), new CommentLine(8, "four")], comments);
    }

    [Fact]
    public void Paths_are_read_from_links_relative_to_the_page_and_from_root_relative_text_without_trailing_punctuation()
    {
        string[] lines =
        [
            "See [the format](../parity.md#format), [a site](https://pytorch.org) and `src/Lab`.",
            "Then tests/Golden/*.json, docs/img/.",
        ];
        var paths = DocumentedPaths.Of("docs/exercises/000.md", lines).ToArray();
        Assert.Equal([new WrittenPath(1, "docs/parity.md"), new WrittenPath(1, "src/Lab"), new WrittenPath(2, "tests/Golden/*.json"),
                      new WrittenPath(2, "docs/img")], paths);
    }

    [Theory]
    [InlineData("src/Parity/GoldenSuite.cs", true)]
    [InlineData("src/Parity/Nowhere.cs", false)]
    [InlineData("tests/Golden/*.json", true)]
    [InlineData("tests/Golden/*.yaml", false)]
    [InlineData("src/Experiments/DocumentNNN", true)]
    [InlineData("src/Parity/<Name>.cs", true)]
    [InlineData("src/Nowhere/<Name>.cs", false)]
    [InlineData("src/{Core,Parity}", true)]
    [InlineData("src/{Core,Nowhere}", false)]
    [InlineData("tests/*/TestResults/*/coverage.cobertura.xml", true)]
    public void A_written_path_exists_when_it_names_a_file_or_folder_or_a_pattern_matches_one(string path, bool exists) =>
        Assert.Equal(exists, DocumentedPaths.Exists(RepositoryTree.Current, path));
}
