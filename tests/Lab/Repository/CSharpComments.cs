using System.Text;

namespace Verification.Lab.Tests.Repository;

/// <summary>One line of comment text in a C# file (1-based line number).</summary>
public readonly record struct CommentLine(int Line, string Text);

/// <summary>
/// The comments of a C# file (<c>//</c>, <c>///</c> and <c>/* */</c>), found by a small scanner that steps over string
/// and character literals (regular, verbatim, interpolated and raw), so a URL or <c>"//"</c> inside a string is not taken
/// for a comment. Interpolation holes are scanned as string text, which is enough for this code base.
/// </summary>
public static class CSharpComments
{
    /// <summary>Every comment line of <paramref name="source"/>, in order.</summary>
    public static IReadOnlyList<CommentLine> Of(string source)
    {
        var comments = new List<CommentLine>();
        string text = source.ReplaceLineEndings("\n");
        int line = 1;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n') { line++; i++; }
            else if (c == '/' && At(text, i + 1) == '/') i = LineComment(text, i, line, comments);
            else if (c == '/' && At(text, i + 1) == '*') i = BlockComment(text, i, ref line, comments);
            else if (c == '"' || c == '\'' || ((c == '@' || c == '$') && StartsString(text, i))) i = SkipLiteral(text, i, ref line);
            else i++;
        }
        return comments;
    }

    private static char At(string text, int index) => index < text.Length ? text[index] : '\0';

    private static bool StartsString(string text, int i)
    {
        int j = i;
        while (At(text, j) is '@' or '$') j++;
        return At(text, j) == '"';
    }

    private static int LineComment(string text, int start, int line, List<CommentLine> comments)
    {
        int end = text.IndexOf('\n', start);
        if (end < 0) end = text.Length;
        comments.Add(new CommentLine(line, text[(start + 2)..end].TrimStart('/').Trim()));
        return end;
    }

    private static int BlockComment(string text, int start, ref int line, List<CommentLine> comments)
    {
        int end = text.IndexOf("*/", start + 2, StringComparison.Ordinal);
        int stop = end < 0 ? text.Length : end;
        string[] lines = text[(start + 2)..stop].Split('\n');
        for (int k = 0; k < lines.Length; k++) comments.Add(new CommentLine(line + k, lines[k].Trim().TrimStart('*').Trim()));
        line += lines.Length - 1;
        return end < 0 ? text.Length : end + 2;
    }

    private static int SkipLiteral(string text, int start, ref int line)
    {
        int i = start;
        bool verbatim = false;
        while (text[i] is '@' or '$')
        {
            verbatim |= text[i] == '@';
            i++;
        }
        char quote = text[i];
        int quotes = 0;
        while (At(text, i + quotes) == '"' && quote == '"') quotes++;
        if (quotes >= 3) return SkipRaw(text, i, quotes, ref line);
        i++;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\n')
            {
                line++;
                if (!verbatim) return i + 1;
            }
            if (c == '\\' && !verbatim) { i += 2; continue; }
            if (c == quote)
            {
                if (verbatim && At(text, i + 1) == '"') { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return i;
    }

    private static int SkipRaw(string text, int start, int quotes, ref int line)
    {
        string fence = new StringBuilder().Append('"', quotes).ToString();
        int end = text.IndexOf(fence, start + quotes, StringComparison.Ordinal);
        int stop = end < 0 ? text.Length : end + quotes;
        line += text.AsSpan(start, stop - start).Count('\n');
        return stop;
    }
}
