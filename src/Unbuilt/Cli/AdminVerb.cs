using System.CommandLine;

namespace Unbuilt.Cli;

/// A verb that acts on a running server through its admin API (`flags …`, `webhooks …`): its arguments and options,
/// a client for --url and --token, the --json choice handed to its output, and the CLI's error handling.
public static class AdminVerb
{
    public static Command Create(string name, string description, Option<string?> url, Option<string?> token,
        Action<ParseResult> prepare, Func<AdminApiClient, ParseResult, CancellationToken, Task<int>> action,
        params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            if (symbol is Argument argument) command.Arguments.Add(argument);
            else if (symbol is Option option) command.Options.Add(option);
        }
        command.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            using var api = AdminApiClient.Create(parse.GetValue(url), parse.GetValue(token));
            prepare(parse);
            return await action(api, parse, ct);
        }));
        return command;
    }
}
