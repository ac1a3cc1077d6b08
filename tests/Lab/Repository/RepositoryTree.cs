namespace Verification.Lab.Tests.Repository;

/// <summary>
/// The repository as written by its authors: the root (the folder holding <c>Verification.sln</c>, found by walking up
/// from the test assembly) and every file and folder in it except build output and version control.
/// </summary>
public sealed class RepositoryTree
{
    private static readonly HashSet<string> NotWrittenByHand = ["bin", "obj", "TestResults", "coverage", ".git", ".vs", ".idea"];

    private RepositoryTree(string root)
    {
        Root = root;
        var files = new List<string>();
        var folders = new List<string>();
        Walk(root, files, folders);
        Files = files;
        Folders = folders;
        Paths = new HashSet<string>(files.Concat(folders), StringComparer.Ordinal);
    }

    /// <summary>The repository found from the running test assembly.</summary>
    public static RepositoryTree Current { get; } = new(FindRoot(AppContext.BaseDirectory));

    /// <summary>The full path of the folder holding <c>Verification.sln</c>.</summary>
    public string Root { get; }

    /// <summary>Every file, relative to <see cref="Root"/>, with '/' separators.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>Every folder, relative to <see cref="Root"/>, with '/' separators and no trailing '/'.</summary>
    public IReadOnlyList<string> Folders { get; }

    /// <summary>Every file and folder, relative to <see cref="Root"/>.</summary>
    public IReadOnlySet<string> Paths { get; }

    /// <summary>The files under <paramref name="folder"/> (relative, '/' separators) whose names end with <paramref name="extension"/>.</summary>
    public IEnumerable<string> FilesUnder(string folder, string extension) =>
        Files.Where(f => f.StartsWith(folder + "/", StringComparison.Ordinal) && f.EndsWith(extension, StringComparison.Ordinal));

    /// <summary>The text of a file given relative to <see cref="Root"/>, split into lines.</summary>
    public string[] Lines(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath)).ReplaceLineEndings("\n").Split('\n');

    private static string FindRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Verification.sln"))) return folder.FullName;
        }
        throw new InvalidOperationException($"No folder above '{start}' holds Verification.sln: the tests must run inside the repository.");
    }

    private static void Walk(string root, List<string> files, List<string> folders)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            string folder = pending.Pop();
            foreach (string file in Directory.EnumerateFiles(folder)) files.Add(Relative(root, file));
            foreach (string child in Directory.EnumerateDirectories(folder))
            {
                if (NotWrittenByHand.Contains(Path.GetFileName(child))) continue;
                folders.Add(Relative(root, child));
                pending.Push(child);
            }
        }
    }

    private static string Relative(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');
}
