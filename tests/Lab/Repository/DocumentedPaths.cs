using System.Text.RegularExpressions;

namespace Verification.Lab.Tests.Repository;

/// <summary>A repository path as a Markdown page writes it, with the line it is on (1-based).</summary>
public readonly record struct WrittenPath(int Line, string Path);

/// <summary>
/// The repository paths a Markdown page names, and whether each exists. Two forms count: link targets
/// (<c>[text](../docs/parity.md)</c>, relative to the page) and paths written from the root that start with a
/// top-level folder (<c>src/Reference/Layers/Dropout.cs</c>, <c>tests/Golden/*.json</c>). A pattern stands for the files it
/// matches and must match one: <c>*</c> and <c>**</c> as in a shell, a placeholder such as <c>&lt;Name&gt;</c> or
/// <c>DocumentNNN</c> as <c>*</c>, and <c>{a,b}</c> as both paths.
/// </summary>
public static partial class DocumentedPaths
{
    private static readonly string[] Generated = ["TestResults/", "bin/", "obj/", "coverage/"];

    /// <summary>Link targets and root-relative paths of a page's lines, resolved to paths relative to the root.</summary>
    public static IEnumerable<WrittenPath> Of(string pagePath, IReadOnlyList<string> lines)
    {
        string pageFolder = Path.GetDirectoryName(pagePath)?.Replace('\\', '/') ?? "";
        for (int i = 0; i < lines.Count; i++)
        {
            foreach (Match link in LinkTarget().Matches(lines[i]))
            {
                string target = link.Groups["target"].Value.Split('#')[0];
                if (target.Length == 0 || target.Contains(':', StringComparison.Ordinal)) continue;
                yield return new WrittenPath(i + 1, Normalise(pageFolder.Length == 0 ? target : pageFolder + "/" + target));
            }
            foreach (Match path in RootPath().Matches(lines[i]))
            {
                yield return new WrittenPath(i + 1, path.Value.TrimEnd('.', ',', ':', ';', '/'));
            }
        }
    }

    /// <summary>
    /// Whether <paramref name="path"/> names a file or folder of <paramref name="tree"/> (a pattern: at least one);
    /// build output (<c>bin/</c>, <c>obj/</c>, <c>TestResults/</c>, <c>coverage/</c>) counts as existing.
    /// </summary>
    public static bool Exists(RepositoryTree tree, string path)
    {
        if (Generated.Any(g => path.StartsWith(g, StringComparison.Ordinal) || path.Contains("/" + g, StringComparison.Ordinal))) return true;
        return Expand(path).All(one => IsPattern(one) ? tree.Paths.Any(Glob(one).IsMatch) : tree.Paths.Contains(one.TrimEnd('/')));
    }

    private static string Normalise(string path)
    {
        var parts = new List<string>();
        foreach (string part in path.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == ".." && parts.Count > 0 && parts[^1] != "..") parts.RemoveAt(parts.Count - 1);
            else parts.Add(part);
        }
        return string.Join('/', parts);
    }

    private static IEnumerable<string> Expand(string path)
    {
        Match braces = Braces().Match(path);
        if (!braces.Success) return [path];
        return braces.Groups["options"].Value.Split(',')
            .SelectMany(option => Expand(path[..braces.Index] + option + path[(braces.Index + braces.Length)..]));
    }

    private static bool IsPattern(string path) => path.Contains('*', StringComparison.Ordinal) || Placeholder().IsMatch(path);

    private static Regex Glob(string pattern)
    {
        string withStars = Placeholder().Replace(pattern.TrimEnd('/'), "*");
        string regex = Regex.Escape(withStars).Replace(@"\*\*", ".*", StringComparison.Ordinal).Replace(@"\*", "[^/]*", StringComparison.Ordinal);
        return new Regex("^" + regex + "$", RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"(?<![\w./\\-])(?:src|tests|docs|benchmarks|\.ci|\.config)/[\w.*<>{},/-]*")]
    private static partial Regex RootPath();

    [GeneratedRegex(@"\{(?<options>[^{}]*,[^{}]*)\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"<[A-Za-z]+>|NNN")]
    private static partial Regex Placeholder();
}
