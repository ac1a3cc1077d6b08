using Spectre.Console;

namespace Verification.Lab.Tests.Support;

/// <summary>Runs a Lab command in-process, capturing what it prints (plain text, no colour, wide enough not to wrap).</summary>
public static class LabRun
{
    /// <summary>The exit code and the console output of <c>Verification.Lab &lt;args&gt;</c>.</summary>
    public static (int ExitCode, string Output) Invoke(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 1000;
        int exitCode = LabApp.Run(args, console);
        return (exitCode, writer.ToString());
    }

    /// <summary>The golden vectors copied beside the test assembly (tests/Golden/*.json).</summary>
    public static string GoldenFolder => Path.Combine(AppContext.BaseDirectory, "Golden");
}
