using System.CommandLine;
using Spectre.Console;

namespace Unbuilt.Cli;

/// The `unbuilt` executable: `serve` plus the admin verbs.
public static class UnbuiltCommandLine
{
    public static RootCommand Build() => new("Unbuilt: turn a market gap into a launch plan.")
    {
        ServeCommand.Create(),
        DbCommands.Create(),
        UserCommands.Create(),
        KeyCommands.Create(),
        FlagCommands.Create(),
        LogCommands.Create(),
        LoadTestCommand.Create(),
    };

    public static Task<int> RunAsync(string[] args)
    {
        // Bind Spectre's console to the current stdout (tests and embedders redirect it between runs).
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        return Build().Parse(args).InvokeAsync();
    }
}
