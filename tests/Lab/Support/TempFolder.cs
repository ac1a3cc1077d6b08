namespace Verification.Lab.Tests.Support;

/// <summary>A fresh folder under the system's temporary path, deleted with everything in it on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "verification-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>Copies <paramref name="fileNames"/> from <paramref name="source"/> into the folder.</summary>
    public TempFolder With(string source, params string[] fileNames)
    {
        foreach (var name in fileNames)
        {
            File.Copy(System.IO.Path.Combine(source, name), System.IO.Path.Combine(Path, name));
        }
        return this;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
