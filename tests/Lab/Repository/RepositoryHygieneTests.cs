using System.Text.RegularExpressions;
using Xunit;

namespace Verification.Lab.Tests.Repository;

/// <summary>
/// The repository's habits, checked on its files: documentation names only paths that exist, source files stay short
/// enough to read in one sitting, lines fit the 150-character guide of <c>.editorconfig</c>, and comments cite sources a
/// reader can open (files of this repository, public papers and code) rather than issue numbers. Each test lists every
/// offending file and line at once.
/// </summary>
public partial class RepositoryHygieneTests
{
    private const int MaxSourceFileLines = 400;
    private const int MaxLineLength = 150;
    private static readonly string[] CodeFolders = ["src", "tests", "benchmarks"];

    private static RepositoryTree Tree => RepositoryTree.Current;

    [Fact]
    public void Every_repository_path_written_in_the_README_CONTRIBUTING_and_docs_exists()
    {
        var pages = new[] { "README.md", "CONTRIBUTING.md" }.Where(Tree.Paths.Contains).Concat(Tree.FilesUnder("docs", ".md"));
        var stale = from page in pages
                    from written in DocumentedPaths.Of(page, Tree.Lines(page))
                    where !DocumentedPaths.Exists(Tree, written.Path)
                    select $"{page}:{written.Line}: {written.Path}";
        AssertNone(stale, "every repository path a page names exists");
    }

    [Fact]
    public void Every_source_file_under_src_has_at_most_400_lines()
    {
        var tooLong = from file in Tree.FilesUnder("src", ".cs")
                      let lines = Tree.Lines(file)
                      let length = lines[^1].Length == 0 ? lines.Length - 1 : lines.Length
                      where length > MaxSourceFileLines
                      select $"{file}: {length} lines";
        AssertNone(tooLong, $"a .cs file under src/ has at most {MaxSourceFileLines} lines (split it by role into partial files, or by concept)");
    }

    [Fact]
    public void Every_line_of_code_under_src_tests_and_benchmarks_has_at_most_150_characters()
    {
        var tooWide = from file in CodeFiles()
                      let lines = Tree.Lines(file)
                      from number in Enumerable.Range(1, lines.Length)
                      where lines[number - 1].Length > MaxLineLength
                      select $"{file}:{number}: {lines[number - 1].Length} characters";
        AssertNone(tooWide, $"a line has at most {MaxLineLength} characters (max_line_length in .editorconfig)");
    }

    [Fact]
    public void No_comment_cites_an_issue_number()
    {
        var citations = from file in CodeFiles()
                        from comment in CSharpComments.Of(File.ReadAllText(Path.Combine(Tree.Root, file)))
                        let issue = IssueNumber().Match(comment.Text)
                        where issue.Success
                        select $"{file}:{comment.Line}: \"{issue.Value}\"";
        AssertNone(citations, "comments cite sources, not issue numbers (cite the file, paper or ATen code the issue points to)");
    }

    [Fact]
    public void Every_cs_or_md_file_a_comment_cites_exists_in_the_repository()
    {
        var missing = from file in CodeFiles()
                      from comment in CSharpComments.Of(File.ReadAllText(Path.Combine(Tree.Root, file)))
                      from cited in CitedFiles(comment.Text)
                      where !IsInRepository(file, cited)
                      select $"{file}:{comment.Line}: {cited}";
        AssertNone(missing, "every .cs or .md file a comment cites is in the repository");
    }

    private static IEnumerable<string> CodeFiles() => CodeFolders.SelectMany(folder => Tree.FilesUnder(folder, ".cs"));

    private static IEnumerable<string> CitedFiles(string comment) =>
        FileName().Matches(Url().Replace(comment, " ")).Select(m => m.Value.TrimStart('.', '/'));

    /// <summary>
    /// A cited file exists when the path, from the root or from the citing file's folder, is a repository file, or
    /// when some repository file ends with it (a bare name such as <c>Gemm.cs</c>, or a tail such as <c>Kernels/Gemm.cs</c>).
    /// </summary>
    private static bool IsInRepository(string citingFile, string cited)
    {
        string folder = Path.GetDirectoryName(citingFile)!.Replace('\\', '/');
        return Tree.Paths.Contains(cited)
               || Tree.Paths.Contains(Path.GetFullPath(Path.Combine(Tree.Root, folder, cited))[(Tree.Root.Length + 1)..].Replace('\\', '/'))
               || Tree.Files.Any(f => f == cited || f.EndsWith("/" + cited, StringComparison.Ordinal));
    }

    private static void AssertNone(IEnumerable<string> offences, string rule)
    {
        var list = offences.ToList();
        Assert.True(list.Count == 0, $"{list.Count} place(s) break the rule \"{rule}\":\n" + string.Join("\n", list));
    }

    [GeneratedRegex(@"\bissues?\s*#?\d+", RegexOptions.IgnoreCase)]
    private static partial Regex IssueNumber();

    [GeneratedRegex(@"[\w./-]*\w\.(?:cs|md)\b")]
    private static partial Regex FileName();

    [GeneratedRegex(@"\b(?:https?|file)://\S+")]
    private static partial Regex Url();
}
