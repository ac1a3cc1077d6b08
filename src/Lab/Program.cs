using Spectre.Console;
using Verification.Lab;

// Redirected output (a file, a CI log) has no terminal width; Spectre would assume 80 columns and fold the wide
// tables, so give it room.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Console.Profile.Width = 200;
}
return LabApp.Run(args, AnsiConsole.Console);
