using Spectre.Console;
using Verification.Lab;

return LabApp.Run(args, AnsiConsole.Console);
