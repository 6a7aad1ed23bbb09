using System.CommandLine;
using System.Text.Json;
using Spectre.Console;

namespace Unbuilt.Cli;

/// `unbuilt flags create|list|describe|archive|restore|delete`: a flag's life from creation to removal, naming the
/// flag as an argument (the rollout verbs take --flag instead).
public static class FlagLifecycleCommands
{
    public static void AddTo(Command flags, Option<string?> url, Option<string?> token, Option<bool> json, Option<string?> reason)
    {
        Command Verb(string name, string description, Func<AdminApiClient, ParseResult, CancellationToken, Task<int>> action,
            params Symbol[] symbols) =>
            AdminVerb.Create(name, description, url, token, parse => FlagOutput.Json = parse.GetValue(json), action, symbols);

        Argument<string> Name() => new("name") { Description = "The flag's name (a–z, 0–9 and _)" };

        var createName = Name();
        var description = new Option<string?>("--description") { Description = "What the flag switches, for the people who will remove it" };
        flags.Subcommands.Add(Verb("create", "Create a flag (off, 0%); refused when the name is taken, archived flags included",
            async (api, parse, ct) =>
            {
                var name = parse.GetValue(createName)!;
                var answer = await api.SendAsync(HttpMethod.Post, "api/feature-flags",
                    new { name, description = parse.GetValue(description) ?? "", reason = parse.GetValue(reason) }, ct,
                    new Dictionary<string, string> { ["If-None-Match"] = "*" });
                return Done(answer, $"Created {name}: off, 0%, all tiers. Roll it out with `flags deploy --flag {name}`.");
            }, createName, description));

        var archived = new Option<bool>("--archived") { Description = "Include archived flags" };
        flags.Subcommands.Add(Verb("list", "Every flag: state, phase, rollout, last evaluated, ready to remove",
            async (api, parse, ct) =>
            {
                List(await api.GetAsync($"api/feature-flags{(parse.GetValue(archived) ? "?archived=true" : "")}", ct));
                return 0;
            }, archived));

        var describeName = Name();
        var text = new Argument<string>("text") { Description = "The new description" };
        flags.Subcommands.Add(Verb("describe", "Set the flag's description",
            async (api, parse, ct) =>
            {
                var name = parse.GetValue(describeName)!;
                var answer = await api.PatchAsync($"api/feature-flags/{name}",
                    new { description = parse.GetValue(text), reason = parse.GetValue(reason) }, ct);
                return Done(answer, $"Described {name}.");
            }, describeName, text));

        var archiveName = Name();
        flags.Subcommands.Add(Verb("archive", "Archive the flag: it evaluates as not found everywhere and leaves the list",
            async (api, parse, ct) =>
            {
                var name = parse.GetValue(archiveName)!;
                var answer = await api.PostAsync($"api/feature-flags/{name}/archive", new { reason = parse.GetValue(reason) }, ct);
                return Done(answer, $"Archived {name}: it now evaluates as not found. `flags restore {name}` undoes it.");
            }, archiveName));

        var restoreName = Name();
        flags.Subcommands.Add(Verb("restore", "Bring an archived flag back as it was",
            async (api, parse, ct) =>
            {
                var name = parse.GetValue(restoreName)!;
                var answer = await api.PostAsync($"api/feature-flags/{name}/restore", new { reason = parse.GetValue(reason) }, ct);
                return Done(answer, $"Restored {name}.");
            }, restoreName));

        var deleteName = Name();
        flags.Subcommands.Add(Verb("delete", "Delete an archived flag nothing has evaluated for Unbuilt:Flags:DeleteAfterUnusedDays (its history stays)",
            async (api, parse, ct) =>
            {
                var name = parse.GetValue(deleteName)!;
                await api.DeleteAsync($"api/feature-flags/{name}{FlagCommands.ReasonQuery(parse.GetValue(reason))}", ct);
                CliOutput.Ok($"Deleted {name}.");
                return 0;
            }, deleteName));
    }

    private static int Done(JsonElement answer, string message)
    {
        if (FlagOutput.Json) Console.Out.WriteLine(JsonSerializer.Serialize(answer, new JsonSerializerOptions { WriteIndented = true }));
        else CliOutput.Ok(message);
        return 0;
    }

    private static void List(JsonElement flags)
    {
        if (FlagOutput.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(flags, new JsonSerializerOptions { WriteIndented = true }));
            return;
        }
        var table = new Table().AddColumns("Flag", "State", "Phase", "Rollout", "Last evaluated", "Ready to remove");
        foreach (var flag in flags.EnumerateArray())
            table.AddRow(Markup.Escape(Text(flag, "name") ?? ""), Markup.Escape(Text(flag, "state") ?? ""),
                Markup.Escape(Text(flag, "phase") ?? "custom"),
                Markup.Escape($"{(flag.TryGetProperty("rolloutPercentage", out var p) ? p.GetRawText() : "?")}%"),
                Markup.Escape(Text(flag, "lastEvaluatedAt") is { } at ? CliOutput.When(at) : "never"),
                flag.TryGetProperty("readyToRemove", out var ready) && ready.ValueKind == JsonValueKind.True ? "yes" : "");
        AnsiConsole.Write(table);
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

}
