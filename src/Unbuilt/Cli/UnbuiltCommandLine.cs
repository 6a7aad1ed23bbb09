using System.CommandLine;
using Spectre.Console;

namespace Unbuilt.Cli;

/// Builds the web app from its arguments (the serve verb's, then configuration's `--Key=value` pairs).
public delegate WebApplication WebAppFactory(string[] args, Action<WebApplicationBuilder>? configure = null);

/// The `unbuilt` executable: `serve` plus the admin verbs. The web app `serve` runs is handed in by Program.cs, which
/// lists its features, so the CLI needs nothing of them.
public static class UnbuiltCommandLine
{
    public static RootCommand Build(WebAppFactory webApp) => new("Unbuilt: turn a market gap into a launch plan.")
    {
        ServeCommand.Create(webApp),
        DbCommands.Create(),
        UserCommands.Create(),
        KeyCommands.Create(),
        FlagCommands.Create(),
        SegmentCommands.Create(),
        WebhookCommands.Create(),
        LogCommands.Create(),
        LoadTestCommand.Create(),
    };

    public static Task<int> RunAsync(string[] args, WebAppFactory webApp)
    {
        // Bind Spectre's console to the current stdout (tests and embedders redirect it between runs).
        AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        return Build(webApp).Parse(args).InvokeAsync();
    }
}
