using System.CommandLine;

namespace Unbuilt.Cli;

/// The `unbuilt` executable: `serve` plus the admin verbs.
public static class UnbuiltCommandLine
{
    public static RootCommand Build() => new("Unbuilt: turn a market gap into a launch plan.")
    {
        ServeCommand.Create(),
        DbCommands.Create(),
        UserCommands.Create(),
    };

    public static Task<int> RunAsync(string[] args) => Build().Parse(args).InvokeAsync();
}
