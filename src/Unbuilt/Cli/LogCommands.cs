using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Unbuilt.Cli;

/// `unbuilt logs errors`: the deployment guide's `logs:errors` script, over the admin HTTP API of a running server.
public static class LogCommands
{
    public static Command Create()
    {
        var url = new Option<string?>("--url") { Description = $"The server (default UNBUILT_URL or {AdminApiClient.DefaultUrl})", Recursive = true };
        var token = new Option<string?>("--token") { Description = "An admin API token (default UNBUILT_TOKEN or ./data/admin.token)", Recursive = true };
        var logs = new Command("logs", "Logs of a running server (over its HTTP API)") { url, token };
        logs.Subcommands.Add(Errors(url, token));
        return logs;
    }

    private static Command Errors(Option<string?> url, Option<string?> token)
    {
        var feature = new Option<string?>("--feature") { Description = "Only this feature flag's operations, e.g. action_plan_customization" };
        var since = new Option<string>("--since") { Description = "How far back: 15m, 1h, 24h, 7d…", DefaultValueFactory = _ => "1h" };
        var limit = new Option<int>("--limit") { Description = "At most this many rows, newest first (1–1000)", DefaultValueFactory = _ => 100 };
        var json = new Option<bool>("--json") { Description = "Print the server's JSON answer" };
        var client = new Option<bool>("--client") { Description = "Client errors (4xx: refused, not found, invalid) instead of server errors (5xx)" };
        var errors = new Command("errors", "Failed requests (5xx, or 4xx with --client) with time, operation, user, request id and message")
        {
            feature, since, limit, client, json,
        };
        errors.SetAction((parse, ct) => CliOutput.Guard(async () =>
        {
            using var api = AdminApiClient.Create(parse.GetValue(url), parse.GetValue(token));
            var query = $"api/performance/errors?since={Uri.EscapeDataString(parse.GetValue(since)!)}" +
                        $"&limit={parse.GetValue(limit).ToString(CultureInfo.InvariantCulture)}" +
                        (parse.GetValue(feature) is { } name ? $"&feature={Uri.EscapeDataString(name)}" : "") +
                        (parse.GetValue(client) ? "&client=true" : "");
            var answer = await api.GetAsync(query, ct);
            if (parse.GetValue(json)) Console.Out.WriteLine(JsonSerializer.Serialize(answer, new JsonSerializerOptions { WriteIndented = true }));
            else Print(answer, parse.GetValue(feature), parse.GetValue(since)!, parse.GetValue(client) ? "client error" : "error");
            return 0;
        }));
        return errors;
    }

    private static void Print(JsonElement answer, string? feature, string since, string what)
    {
        var rows = answer.GetProperty("errors");
        var total = answer.GetProperty("total").GetInt32();
        var scope = feature is null ? "" : $" in {feature}";
        if (total == 0)
        {
            CliOutput.Ok($"No {what}s{scope} in the last {since}.");
            return;
        }
        var table = new Table().Border(TableBorder.Rounded)
            .Title($"[bold]{total} {what}{(total == 1 ? "" : "s")}{Markup.Escape(scope)} in the last {Markup.Escape(since)}[/]" +
                   (rows.GetArrayLength() < total ? $" (newest {rows.GetArrayLength()})" : ""))
            .AddColumns("Time (UTC)", "Operation", "User", "Request id", "Status", "Message");
        foreach (var row in rows.EnumerateArray())
            table.AddRow(Markup.Escape(Time(row)), Markup.Escape(Text(row, "operation")), Markup.Escape(Text(row, "userId")),
                Markup.Escape(Text(row, "requestId")), Markup.Escape(Text(row, "status")), Markup.Escape(Text(row, "message")));
        AnsiConsole.Write(table);
    }

    private static string Time(JsonElement row) =>
        DateTimeOffset.TryParse(Text(row, "time"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : Text(row, "time");

    private static string Text(JsonElement row, string name) =>
        row.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Null => "–",
            _ => value.GetRawText(),
        } : "–";
}
