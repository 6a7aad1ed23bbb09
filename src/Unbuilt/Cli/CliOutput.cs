using System.Globalization;
using System.Text.Json;
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

    /// A time from the API as the CLI shows it: in UTC, to the minute, or to the second where the moment itself
    /// matters (when a scheduled step may come, a webhook's next attempt); "–" when there is none.
    public static string When(string? iso, bool seconds = false) =>
        iso is not null && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime().ToString(seconds ? "yyyy-MM-dd HH:mm:ss 'UTC'" : "yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : "–";

    public static string When(JsonElement at, bool seconds = false) =>
        When(at.ValueKind == JsonValueKind.String ? at.GetString() : null, seconds);

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
