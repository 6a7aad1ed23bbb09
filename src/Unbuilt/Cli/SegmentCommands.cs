using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace Unbuilt.Cli;

/// `unbuilt segments …`: named targeting rules (user ids, email domains, tiers, account age) that flags and rollout
/// phases target, over the admin HTTP API of a running server (the same client and token as `flags`).
public static class SegmentCommands
{
    private sealed record Common(Option<string?> Url, Option<string?> Token, Option<bool> Json, Option<string?> Reason);

    private sealed record Fields(Option<string?> Description, Option<string[]> Domains, Option<string[]> Tiers,
        Option<int[]> Users, Option<int?> MinAge)
    {
        public Symbol[] All => [Description, Domains, Tiers, Users, MinAge];
    }

    public static Command Create()
    {
        var common = new Common(
            new Option<string?>("--url") { Description = $"The server (default UNBUILT_URL or {AdminApiClient.DefaultUrl})", Recursive = true },
            new Option<string?>("--token") { Description = "An admin API token (default UNBUILT_TOKEN or ./data/admin.token)", Recursive = true },
            new Option<bool>("--json") { Description = "Print the server's JSON answer", Recursive = true },
            new Option<string?>("--reason") { Description = "Why (at most 500 characters); the segment's history keeps it", Recursive = true });
        var segments = new Command("segments", "Named targeting rules (user ids, email domains, tiers, account age) for flags and phases")
        {
            common.Url, common.Token, common.Json, common.Reason,
        };
        segments.Subcommands.Add(Verb(common, "list", "Every segment: its rules and the flags and phases that target it",
            async (api, _, ct) =>
            {
                SegmentOutput.List(await api.GetAsync("api/segments", ct));
                return 0;
            }));
        var name = new Argument<string>("name") { Description = "a–z, 0–9 and _, at most 100; it cannot change later" };
        var fields = NewFields();
        segments.Subcommands.Add(Verb(common, "create", "Create a segment (at least one of --domain, --tier, --min-age-days, --user)",
            async (api, parse, ct) =>
            {
                var body = Body(parse, fields, parse.GetValue(common.Reason));
                body["name"] = parse.GetValue(name);
                SegmentOutput.Show("Created", await api.PostAsync("api/segments", body, ct));
                return 0;
            }, [name, .. fields.All]));
        var which = new Argument<string>("segment") { Description = "The segment's name or id (see `unbuilt segments list`)" };
        var updateFields = NewFields();
        segments.Subcommands.Add(Verb(common, "update", "Change a segment: each list given replaces the list; --min-age-days 0 removes the age rule",
            async (api, parse, ct) =>
            {
                var id = await IdOfAsync(api, parse.GetValue(which)!, ct);
                SegmentOutput.Show("Updated", await api.PatchAsync($"api/segments/{id}", Body(parse, updateFields, parse.GetValue(common.Reason)), ct));
                return 0;
            }, [which, .. updateFields.All]));
        segments.Subcommands.Add(Verb(common, "delete", "Delete a segment that no flag or phase targets",
            async (api, parse, ct) =>
            {
                var id = await IdOfAsync(api, parse.GetValue(which)!, ct);
                var reason = parse.GetValue(common.Reason);
                await api.DeleteAsync($"api/segments/{id}{FlagCommands.ReasonQuery(reason)}", ct);
                CliOutput.Ok($"Deleted segment {parse.GetValue(which)}.");
                return 0;
            }, which));
        return segments;
    }

    private static Fields NewFields() => new(
        new Option<string?>("--description") { Description = "What the segment is for" },
        new Option<string[]>("--domain") { Description = "An email domain, e.g. unbuilt.io (also matches its subdomains); several, or comma-separated", AllowMultipleArgumentsPerToken = true },
        new Option<string[]>("--tier") { Description = "free, pro, enterprise: members must have one of these; several, or comma-separated", AllowMultipleArgumentsPerToken = true },
        new Option<int[]>("--user") { Description = "A user id that is a member whatever the rules; several", AllowMultipleArgumentsPerToken = true },
        new Option<int?>("--min-age-days") { Description = "Members' accounts are at least this many days old (0: no age rule)" });

    private static Dictionary<string, object?> Body(ParseResult parse, Fields fields, string? reason)
    {
        static List<string>? Split(string[]? values) => values is null || values.Length == 0 ? null :
            [.. values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];
        var body = new Dictionary<string, object?>();
        if (parse.GetValue(fields.Description) is { } description) body["description"] = description;
        if (Split(parse.GetValue(fields.Domains)) is { } domains) body["emailDomains"] = domains;
        if (Split(parse.GetValue(fields.Tiers)) is { } tiers) body["tiers"] = tiers;
        if (parse.GetValue(fields.Users) is { Length: > 0 } users) body["userIds"] = users;
        if (parse.GetValue(fields.MinAge) is { } days) body["minAccountAgeDays"] = days;
        if (reason is not null) body["reason"] = reason;
        return body;
    }

    /// A number is an id; anything else a name, looked up in the list.
    private static async Task<int> IdOfAsync(AdminApiClient api, string segment, CancellationToken ct)
    {
        if (int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return id;
        foreach (var s in (await api.GetAsync("api/segments", ct)).EnumerateArray())
            if (s.GetProperty("name").GetString() == segment) return s.GetProperty("id").GetInt32();
        throw new CliException($"There is no segment named '{segment}'; see `unbuilt segments list`.");
    }

    private static Command Verb(Common common, string name, string description,
        Func<AdminApiClient, ParseResult, CancellationToken, Task<int>> action, params Symbol[] symbols) =>
        AdminVerb.Create(name, description, common.Url, common.Token, parse => SegmentOutput.Json = parse.GetValue(common.Json),
            action, symbols);
}

/// Renders the segment API's answers for people or, with --json, as the server sent them.
public static class SegmentOutput
{
    public static bool Json { get; set; }

    public static void List(JsonElement segments)
    {
        if (PrintJson(segments)) return;
        if (segments.GetArrayLength() == 0)
        {
            Console.Out.WriteLine("No segments. Create one with `unbuilt segments create internal --domain unbuilt.io`.");
            return;
        }
        var table = new Table().AddColumns("Id", "Name", "Rules", "Used by");
        foreach (var s in segments.EnumerateArray())
            table.AddRow(Cell(s.GetProperty("id").GetInt32()), Cell(s.GetProperty("name").GetString()), Cell(Rules(s)),
                Cell(Join(s.GetProperty("usedBy")) is { Length: > 0 } used ? used : "–"));
        AnsiConsole.Write(table);
    }

    public static void Show(string what, JsonElement segment)
    {
        if (PrintJson(segment)) return;
        CliOutput.Ok($"{what} segment {segment.GetProperty("name").GetString()} (id {segment.GetProperty("id").GetInt32()}): {Rules(segment)}.");
    }

    /// "users 3, 7; or email domain unbuilt.io, tier pro, account ≥ 30 days".
    public static string Rules(JsonElement s)
    {
        var conditions = new List<string>();
        if (Join(s.GetProperty("emailDomains")) is { Length: > 0 } domains) conditions.Add($"email domain {domains}");
        if (Join(s.GetProperty("tiers")) is { Length: > 0 } tiers) conditions.Add($"tier {tiers}");
        if (s.GetProperty("minAccountAgeDays") is { ValueKind: JsonValueKind.Number } days) conditions.Add($"account ≥ {days.GetInt32()} days");
        var users = Join(s.GetProperty("userIds"));
        return (users.Length > 0, conditions.Count > 0) switch
        {
            (true, true) => $"users {users}; or {string.Join(", ", conditions)}",
            (true, false) => $"users {users}",
            _ => string.Join(", ", conditions),
        };
    }

    private static string Join(JsonElement list) =>
        string.Join(", ", list.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number
            ? e.GetInt32().ToString(CultureInfo.InvariantCulture) : e.GetString()));

    private static string Cell(object? value) => Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");

    private static bool PrintJson(JsonElement element)
    {
        if (!Json) return false;
        Console.Out.WriteLine(JsonSerializer.Serialize(element, new JsonSerializerOptions { WriteIndented = true }));
        return true;
    }
}
