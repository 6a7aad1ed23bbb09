using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Unbuilt.FlagEngine;

namespace Unbuilt.Cli;

/// Renders the flag API's answers for people (tables, colours) or, with --json, as the server sent them.
public static partial class FlagOutput
{
    public static bool Json { get; set; }

    public static void Status(JsonElement status)
    {
        if (PrintJson(status)) return;
        var enabled = Bool(status, "enabled");
        var tiers = Strings(status, "allowedTiers");
        var users = Strings(status, "allowedUserIds", "betaUsers");
        var table = new Table().HideHeaders().Border(TableBorder.Rounded)
            .Title($"[bold]{Markup.Escape(Text(status, "name") ?? "")}[/]").AddColumns("", "");
        table.AddRow("Enabled", enabled ? "✅ yes" : "❌ no");
        table.AddRow("Phase", Markup.Escape(PhaseLine(status)));
        table.AddRow("Rollout", $"{Number(status, "rolloutPercentage")}%");
        table.AddRow("Tiers", tiers.Count == 0 ? "All" : Markup.Escape(string.Join(", ", tiers)));
        table.AddRow("Beta users", users.Count == 0 ? "None" : Markup.Escape(string.Join(", ", users)));
        if (Property(status, "segments") is { ValueKind: JsonValueKind.Array } segments && segments.GetArrayLength() > 0)
            table.AddRow("Segments", Markup.Escape(string.Join(", ", segments.EnumerateArray().Select(s => s.GetString()))));
        table.AddRow("Created", Markup.Escape(CliOutput.When(Text(status, "createdAt"))));
        table.AddRow("Updated", Markup.Escape(CliOutput.When(Text(status, "updatedAt"))));
        if (Text(status, "nextPhase") is { } next) table.AddRow("Next phase", Markup.Escape(next));
        table.AddRow("Health", Markup.Escape(HealthLine(status)));
        if (ClientErrorLine(status) is { } clientErrors) table.AddRow("Client errors", Markup.Escape(clientErrors));
        if (Text(status, "guardPolicy") is { } guard) table.AddRow("Guard policy", Markup.Escape(guard));
        AnsiConsole.Write(table);
        CriteriaOutput.Current(status);
    }

    public static void History(string flag, JsonElement history)
    {
        if (PrintJson(history)) return;
        var entries = history.ValueKind == JsonValueKind.Array ? history : Property(history, "changes", "items") ?? history;
        var table = new Table().Title($"[bold]{Markup.Escape(flag)}: history[/]").AddColumns("When", "Who", "Change", "Reason");
        foreach (var change in entries.EnumerateArray())
            table.AddRow(Markup.Escape(CliOutput.When(Text(change, "createdAt", "at", "timestamp"))),
                Markup.Escape(Who(change)),
                Markup.Escape(string.Join(": ", new[] { Text(change, "action", "operation"), About(change), Summary(change) }
                    .Where(p => !string.IsNullOrEmpty(p)))),
                Markup.Escape(Text(change, "reason") ?? ""));
        AnsiConsole.Write(table);
    }

    public static void Evaluation(string flag, int userId, JsonElement evaluation)
    {
        if (PrintJson(evaluation)) return;
        var on = Bool(evaluation, "enabled");
        AnsiConsole.MarkupLine($"{(on ? "✅ [green]on[/]" : "❌ [red]off[/]")} for user {userId} on {Markup.Escape(flag)}: " +
                               $"{Markup.Escape(Text(evaluation, "reason") ?? "?")}, bucket {Number(evaluation, "bucket")}");
        if (Text(evaluation, "explanation") is { } why) AnsiConsole.MarkupLine($"   because: {Markup.Escape(why)}");
    }

    private static string PhaseLine(JsonElement status)
    {
        var phase = Text(status, "phase") ?? "custom";
        var since = Text(status, "phaseStartedAt", "since");
        if (since is null || !DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
            return phase;
        return $"{phase} for {Duration(DateTimeOffset.UtcNow - start)} (since {CliOutput.When(since)})";
    }

    private static string HealthLine(JsonElement status)
    {
        var health = Property(status, "health");
        if (health is not { } h) return "unknown";
        if (h.ValueKind == JsonValueKind.String)
        {
            var measured = Property(status, "healthReading") is { } reading ? $" ({ReadingLine(reading)})" : "";
            var broken = Strings(status, "healthBreaches");
            if (h.GetString() == "unknown" && Property(status, "healthMinSamples") is { ValueKind: JsonValueKind.Number } needed)
                measured = Property(status, "healthRequests") is { ValueKind: JsonValueKind.Number } counted
                    ? $" ({counted.GetInt32()} of the {needed.GetInt32()} requests needed)"
                    : " (no operation is gated by this flag)";
            return h.GetString() + measured + (broken.Count == 0 ? "" : ": " + string.Join("; ", broken));
        }
        var verdict = Text(h, "status", "state") ?? (Bool(h, "healthy") ? "healthy" : "unknown");
        var breaches = Strings(h, "breaches");
        return breaches.Count == 0 ? verdict : $"{verdict}: {string.Join("; ", breaches)}";
    }

    /// 4xx since the phase began: shown beside the health, never held against the gate.
    private static string? ClientErrorLine(JsonElement status)
    {
        if (Property(status, "clientErrors") is not { ValueKind: JsonValueKind.Number } count ||
            Property(status, "clientErrorRatePercent") is not { ValueKind: JsonValueKind.Number } rate) return null;
        var requests = Property(status, "healthRequests") is { ValueKind: JsonValueKind.Number } r ? r.GetInt32() : 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"{rate.GetDouble():0.###}% ({count.GetInt32()} of {requests} requests; not part of the health)");
    }

    private static string ReadingLine(JsonElement reading)
    {
        var parts = new List<string>();
        if (Property(reading, "errorRate") is { ValueKind: JsonValueKind.Number } rate)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"error rate {rate.GetDouble():0.###%}"));
        if (Property(reading, "taskUpdateP95Ms") is { ValueKind: JsonValueKind.Number } update)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"task update p95 {update.GetDouble():0.#} ms"));
        if (Property(reading, "planLoadP95Ms") is { ValueKind: JsonValueKind.Number } load)
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"plan load p95 {load.GetDouble():0.#} ms"));
        return string.Join(", ", parts);
    }

    /// "Name (email)" when the account is known, else the actor as recorded ("guard", "admin@x (cli)").
    private static string Who(JsonElement change) =>
        Text(change, "actorName") is { } name && Text(change, "actorEmail") is { } email ? $"{name} ({email})" : Text(change, "actor") ?? "?";

    private static string? About(JsonElement change) => Property(change, "user") is { } user ? Text(user, "words") : null;

    private static string Summary(JsonElement change)
    {
        if (Property(change, "changes") is { ValueKind: JsonValueKind.Array } fields)
            return string.Join(", ", fields.EnumerateArray().Select(f =>
                $"{Text(f, "field")} {Text(f, "before") ?? "–"} → {Text(f, "after") ?? "–"}"));
        var before = Property(change, "before");
        var after = Property(change, "after");
        if (after is not { } a) return "";
        var parts = new List<string>();
        foreach (var field in new[] { "enabled", "rolloutPercentage", "allowedTiers", "allowedUserIds", "segments", "phase" })
        {
            var was = before is { } b ? Property(b, field)?.GetRawText() : null;
            var now = Property(a, field)?.GetRawText();
            if (now is not null && now != was) parts.Add($"{field} {was ?? "–"} → {now}");
        }
        return string.Join(", ", parts);
    }

    private static bool PrintJson(JsonElement element)
    {
        if (!Json) return false;
        Console.Out.WriteLine(JsonSerializer.Serialize(element, new JsonSerializerOptions { WriteIndented = true }));
        return true;
    }

    private static string Duration(TimeSpan span) => span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes}m" : $"{Math.Max(0, (int)span.TotalMinutes)}m";

    private static JsonElement? Property(JsonElement e, params string[] names)
    {
        if (e.ValueKind != JsonValueKind.Object) return null;
        foreach (var name in names)
            if (e.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null) return value;
        return null;
    }

    private static string? Text(JsonElement e, params string[] names) => Property(e, names) is { } v
        ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;

    private static bool Bool(JsonElement e, string name) => Property(e, name) is { ValueKind: JsonValueKind.True };

    private static int Number(JsonElement e, string name) => Property(e, name) is { ValueKind: JsonValueKind.Number } v ? v.GetInt32() : 0;

    private static List<string> Strings(JsonElement e, params string[] names) => Property(e, names) is { ValueKind: JsonValueKind.Array } a
        ? a.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText()).ToList() : [];
}
