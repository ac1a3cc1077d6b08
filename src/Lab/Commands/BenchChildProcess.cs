using System.Diagnostics;
using Spectre.Console;

namespace Verification.Lab.Commands;

/// <summary>
/// <c>bench --isa LEVEL</c>: runs the Lab again as a child process under .NET's switches for a lower instruction-set level,
/// first <c>isa --expect LEVEL</c> (which proves the switch took effect), then the bench itself, and relays its output.
/// .NET 10 reads <c>DOTNET_EnableAVX512</c> (not <c>DOTNET_EnableAVX512F</c>); <c>DOTNET_EnableAVX2=0</c> leaves 128-bit vectors;
/// <c>DOTNET_EnableHWIntrinsic=0</c> leaves scalar code.
/// </summary>
public static class BenchChildProcess
{
    /// <summary>The levels <c>--isa</c> accepts: the ones below AVX-512 that .NET's switches reach.</summary>
    public static IReadOnlyList<string> Levels { get; } = ["avx2", "vector128", "scalar"];

    /// <summary>The environment switches that lower a process to <paramref name="level"/>.</summary>
    public static IReadOnlyDictionary<string, string> Switches(string level) => level switch
    {
        "avx2" => new Dictionary<string, string> { ["DOTNET_EnableAVX512"] = "0", ["DOTNET_EnableAVX512F"] = "0" },
        "vector128" => new Dictionary<string, string>
        {
            ["DOTNET_EnableAVX512"] = "0", ["DOTNET_EnableAVX512F"] = "0", ["DOTNET_EnableAVX2"] = "0",
        },
        "scalar" => new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0" },
        _ => throw new ArgumentException($"level must be one of {string.Join(", ", Levels)}, but got '{level}'.", nameof(level)),
    };

    /// <summary>
    /// Runs <c>isa --expect <paramref name="level"/></c> and then <c>bench <paramref name="benchArguments"/></c> in a child Lab under
    /// the level's switches, relaying both outputs to <paramref name="console"/>. Returns the bench's exit code, or 1 when the
    /// switch did not take effect (this machine cannot run that level, or the runtime ignored the switch).
    /// </summary>
    public static int Run(IAnsiConsole console, string level, IReadOnlyList<string> benchArguments)
    {
        var switches = Switches(level);
        console.WriteLine($"bench --isa {level}: running the Lab again with " +
                          string.Join(" ", switches.Select(s => $"{s.Key}={s.Value}")));
        int isa = RunChild(console, switches, ["isa", "--expect", level]);
        if (isa != 0)
        {
            console.MarkupLineInterpolated(
                $"[red]--isa {level}: the child process did not run at {level} (isa --expect exited {isa}); nothing was timed.[/]");
            return 1;
        }
        return RunChild(console, switches, ["bench", .. benchArguments]);
    }

    private static int RunChild(IAnsiConsole console, IReadOnlyDictionary<string, string> switches, IReadOnlyList<string> arguments)
    {
        var start = StartInfo();
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in switches)
        {
            start.Environment[name] = value;
        }
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"could not start {start.FileName}.");
        var errors = child.StandardError.ReadToEndAsync();
        while (child.StandardOutput.ReadLine() is string line)
        {
            console.WriteLine(line);
        }
        child.WaitForExit();
        string stderr = errors.GetAwaiter().GetResult();
        if (stderr.Length > 0)
        {
            console.WriteLine(stderr.TrimEnd());
        }
        return child.ExitCode;
    }

    /// <summary>
    /// The Lab's own executable: its apphost beside the assembly when there is one, else the <c>dotnet</c> host running the
    /// assembly (as when the Lab runs inside a test host).
    /// </summary>
    private static ProcessStartInfo StartInfo()
    {
        string assembly = typeof(BenchChildProcess).Assembly.Location;
        string apphost = Path.ChangeExtension(assembly, OperatingSystem.IsWindows() ? ".exe" : null);
        if (File.Exists(apphost))
        {
            return new ProcessStartInfo(apphost);
        }
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path
            : Environment.ProcessPath is { } process && Path.GetFileNameWithoutExtension(process) == "dotnet" ? process
            : "dotnet";
        var start = new ProcessStartInfo(host);
        start.ArgumentList.Add(assembly);
        return start;
    }
}
