using Spectre.Console;

namespace Verification.Lab.Tests.Commands;

/// <summary>Runs a Lab command in-process on a wide, plain console and captures what it printed.</summary>
public static class LabConsole
{
    /// <summary>Exit code and output of <c>Verification.Lab args</c>.</summary>
    public static (int ExitCode, string Output) Run(params string[] args)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 1000;
        int code = LabApp.Run(args, console);
        return (code, writer.ToString());
    }
}
