using Spectre.Console;

namespace Unbuilt.Cli;

/// One place for how the CLI speaks: results to stdout, one clear line per failure to stderr.
public static class CliOutput
{
    public static int Fail(string message, int exitCode = 1)
    {
        var prefix = Console.IsErrorRedirected ? "error:" : "\u001b[31merror:\u001b[0m";
        Console.Error.WriteLine($"{prefix} {message}");
        return exitCode;
    }

    public static void Ok(string message) => AnsiConsole.MarkupLine($"[green]✓[/] {Markup.Escape(message)}");

    /// Runs a verb, turning the failures a user can cause (bad input, unreachable database) into one line and exit 1.
    public static async Task<int> Guard(Func<Task<int>> verb)
    {
        try
        {
            return await verb();
        }
        catch (Exception e) when (e is CliException or Accounts.AccountException or Database.PendingMigrationsException
                                      or Database.UnknownMigrationException or InvalidOperationException
                                      or System.Data.Common.DbException or HttpRequestException)
        {
            return Fail(e.InnerException is System.Data.Common.DbException db ? $"{e.Message} ({db.Message})" : e.Message);
        }
    }
}

public sealed class CliException(string message) : Exception(message);
