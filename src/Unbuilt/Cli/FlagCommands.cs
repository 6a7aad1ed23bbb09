using System.CommandLine;
using System.Text.Json;
using Unbuilt.Plans.Access;
using Unbuilt.Plans;

namespace Unbuilt.Cli;

/// `unbuilt flags …`: the deployment guide's `deploy:feature-flag` script, over the admin HTTP API.
public static partial class FlagCommands
{
    public const string DefaultFlag = PlanFeature.Name;

    private sealed record Common(Option<string> Flag, Option<string?> Url, Option<string?> Token, Option<bool> Json,
        Option<string?> Reason);

    public static Command Create()
    {
        var common = new Common(
            new Option<string>("--flag") { Description = "The flag", DefaultValueFactory = _ => DefaultFlag, Recursive = true },
            new Option<string?>("--url") { Description = $"The server (default UNBUILT_URL or {AdminApiClient.DefaultUrl})", Recursive = true },
            new Option<string?>("--token") { Description = "An admin API token (default UNBUILT_TOKEN or ./data/admin.token)", Recursive = true },
            new Option<bool>("--json") { Description = "Print the server's JSON answer", Recursive = true },
            new Option<string?>("--reason") { Description = "Why (at most 500 characters); the flag's history keeps it", Recursive = true });
        var flags = new Command("flags", "Feature flags and progressive rollout (over the HTTP API of a running server)")
        {
            common.Flag, common.Url, common.Token, common.Json, common.Reason,
        };
        flags.Subcommands.Add(Verb(common, "init", "Create the flag disabled, at 0%, for no tiers and no users (if missing)",
            (api, flag, parse, ct) => Init(api, flag, parse.GetValue(common.Reason), ct)));
        flags.Subcommands.Add(Verb(common, "status", "Enabled, phase, rollout, tiers, beta users, time in phase, health", Status));
        flags.Subcommands.Add(UserVerb(common, "add-user", "Let a beta user in (kept across deploys)", (api, flag, id, reason, ct) =>
            api.PostAsync($"api/feature-flags/{flag}/users", new { userId = id, reason }, ct)));
        flags.Subcommands.Add(UserVerb(common, "remove-user", "Take a beta user out", (api, flag, id, reason, ct) =>
            api.DeleteAsync($"api/feature-flags/{flag}/users/{id}{ReasonQuery(reason)}", ct)));
        flags.Subcommands.Add(Deploy(common));
        flags.Subcommands.Add(Advance(common));
        flags.Subcommands.Add(Verb(common, "rollback", "Turn the flag off for everyone; rollout, tiers and beta users are kept",
            (api, flag, parse, ct) => ChangeAndShow(api, flag,
                api.PostAsync($"api/feature-flags/{flag}/rollback", new { reason = parse.GetValue(common.Reason) }, ct), ct)));
        flags.Subcommands.Add(SetRollout(common));
        flags.Subcommands.Add(Verb(common, "history", "Every change: when, who, what, why", History));
        flags.Subcommands.Add(Evaluate(common));
        flags.Subcommands.Add(SetSegments(common));
        flags.Subcommands.Add(PhaseSegments(common));
        flags.Subcommands.Add(Guard(common));
        flags.Subcommands.Add(Criteria(common));
        AddScheduleVerbs(flags, common);
        FlagLifecycleCommands.AddTo(flags, common.Url, common.Token, common.Json, common.Reason);
        return flags;
    }

    public static string ReasonQuery(string? reason) => reason is null ? "" : $"?reason={Uri.EscapeDataString(reason)}";

    private delegate Task<int> FlagAction(AdminApiClient api, string flag, ParseResult parse, CancellationToken ct);

    private static Command Verb(Common common, string name, string description, FlagAction action, params Symbol[] symbols) =>
        AdminVerb.Create(name, description, common.Url, common.Token, parse => FlagOutput.Json = parse.GetValue(common.Json),
            (api, parse, ct) => action(api, parse.GetValue(common.Flag)!, parse, ct), symbols);

    private static Command UserVerb(Common common, string name, string description,
        Func<AdminApiClient, string, int, string?, CancellationToken, Task<JsonElement>> call)
    {
        var userId = new Argument<int>("user-id") { Description = "The user's id (see `unbuilt users list`)" };
        return Verb(common, name, description, (api, flag, parse, ct) =>
            ChangeAndShow(api, flag, call(api, flag, parse.GetValue(userId), parse.GetValue(common.Reason), ct), ct), userId);
    }

    private static Command Deploy(Common common)
    {
        var phase = new Argument<string>("phase") { Description = "internal | beta | expanded | general" };
        return Verb(common, "deploy", "Move to a rollout phase (sets enabled, rollout and tiers; keeps beta users)",
            (api, flag, parse, ct) => ChangeAndShow(api, flag,
                api.PostAsync($"api/feature-flags/{flag}/deploy", new { phase = parse.GetValue(phase)!.Trim().ToLowerInvariant(), reason = parse.GetValue(common.Reason) }, ct), ct),
            phase);
    }

    private static Command Advance(Common common)
    {
        var force = new Option<bool>("--force")
        {
            Description = "Advance without the evidence: a health gate that does not hold or is unknown (too few requests), " +
                          "or a planned duration not yet run (recorded in the history as forced)",
        };
        return Verb(common, "advance", "Move to the next phase once the current one has run its planned duration with a healthy gate",
            (api, flag, parse, ct) => ChangeAndShow(api, flag,
                api.PostAsync($"api/feature-flags/{flag}/advance", new { force = parse.GetValue(force), reason = parse.GetValue(common.Reason) }, ct), ct),
            force);
    }

    private static Command SetRollout(Common common)
    {
        var percentage = new Argument<int>("percentage") { Description = "0 to 100" };
        return Verb(common, "set-rollout", "Set the rollout percentage (raising only adds users; lowering only removes)",
            (api, flag, parse, ct) => ChangeAndShow(api, flag,
                api.PatchAsync($"api/feature-flags/{flag}/rollout", new { percentage = parse.GetValue(percentage), reason = parse.GetValue(common.Reason) }, ct), ct),
            percentage);
    }

    private static Command Evaluate(Common common)
    {
        var userId = new Argument<int>("user-id");
        var tier = new Option<string?>("--tier") { Description = "What if the user had this tier (any id, even unknown)" };
        return Verb(common, "evaluate", "Does this user see the feature, and why",
            async (api, flag, parse, ct) =>
            {
                var query = $"api/feature-flags/{flag}/evaluate?userId={parse.GetValue(userId)}" +
                            (parse.GetValue(tier) is { } t ? $"&tier={Uri.EscapeDataString(t)}" : "");
                FlagOutput.Evaluation(flag, parse.GetValue(userId), await api.GetAsync(query, ct));
                return 0;
            }, userId, tier);
    }

    private static Command SetSegments(Common common)
    {
        var names = new Argument<string[]>("segments")
        {
            Description = "The segments whose members get the feature on (none: target no segment); see `unbuilt segments list`",
            Arity = ArgumentArity.ZeroOrMore,
        };
        return Verb(common, "set-segments", "Target these segments (replaces the list; a phase's deploy sets its own)",
            (api, flag, parse, ct) => ChangeAndShow(api, flag,
                api.PatchAsync($"api/feature-flags/{flag}", new { segments = parse.GetValue(names) ?? [], reason = parse.GetValue(common.Reason) }, ct), ct),
            names);
    }

    /// Sets the segments of one phase of the flag's plan (the default plan becomes the flag's own, with that change);
    /// the flag's targeting changes when the phase is next deployed.
    private static Command PhaseSegments(Common common)
    {
        var phase = new Argument<string>("phase") { Description = "The phase, e.g. internal" };
        var names = new Argument<string[]>("segments") { Description = "The segments the phase targets (none: no segment)", Arity = ArgumentArity.ZeroOrMore };
        return Verb(common, "phase-segments", "Give a phase of the flag's plan these segments (then `flags deploy PHASE`)",
            async (api, flag, parse, ct) =>
            {
                var wanted = parse.GetValue(phase)!.Trim();
                var segments = parse.GetValue(names) ?? [];
                await api.SendAsync(HttpMethod.Put, $"api/feature-flags/{flag}/phases/{Uri.EscapeDataString(wanted)}/segments",
                    new { segments, reason = parse.GetValue(common.Reason) }, ct);
                CliOutput.Ok($"Phase {wanted} of {flag} now targets {(segments.Length == 0 ? "no segment" : string.Join(", ", segments))}. " +
                    $"Deploy it to apply: unbuilt flags deploy {wanted}");
                return 0;
            }, phase, names);
    }

    private static Command Guard(Common common)
    {
        var policy = new Argument<string>("policy") { Description = "alert | step-down | rollback: what the rollout guard does on a breach" };
        return Verb(common, "guard", "Set what the rollout guard does when the feature breaks an alert threshold",
            (api, flag, parse, ct) => ChangeAndShow(api, flag,
                api.PatchAsync($"api/feature-flags/{flag}", new { guardPolicy = parse.GetValue(policy)!.Trim().ToLowerInvariant(), reason = parse.GetValue(common.Reason) }, ct), ct),
            policy);
    }

    /// `flags criteria [NAME]`: every phase's success criteria, newest first (NAME, when given, beats --flag).
    private static Command Criteria(Common common)
    {
        var name = new Argument<string?>("name") { Description = "The flag (default: --flag)", Arity = ArgumentArity.ZeroOrOne };
        return Verb(common, "criteria", "Success criteria of every phase: engagement, task completion, error rate, p95s, 7-day return; pass or fail",
            async (api, flag, parse, ct) =>
            {
                var chosen = parse.GetValue(name) is { Length: > 0 } given ? given.Trim() : flag;
                CriteriaOutput.Phases(await api.GetAsync($"api/feature-flags/{Uri.EscapeDataString(chosen)}/criteria", ct));
                return 0;
            }, name);
    }

    private static async Task<int> Init(AdminApiClient api, string flag, string? reason, CancellationToken ct)
    {
        var answer = await api.PostAsync($"api/feature-flags/{flag}/init", new { reason = reason ?? "flags init" }, ct);
        CliOutput.Ok(answer.TryGetProperty("created", out var created) && created.GetBoolean()
            ? $"Created {flag}: disabled, 0%, all tiers, no beta users."
            : $"{flag} already exists; left as it is.");
        return await Status(api, flag, null!, ct);
    }

    private static async Task<int> Status(AdminApiClient api, string flag, ParseResult parse, CancellationToken ct)
    {
        FlagOutput.Status(await api.GetAsync($"api/feature-flags/{flag}/status", ct));
        if (!FlagOutput.Json) FlagOutput.Timeline(await api.GetAsync($"api/feature-flags/{flag}/schedule", ct));
        return 0;
    }

    private static async Task<int> History(AdminApiClient api, string flag, ParseResult parse, CancellationToken ct)
    {
        FlagOutput.History(flag, await api.GetAsync($"api/feature-flags/{flag}/history", ct));
        return 0;
    }

    private static async Task<int> ChangeAndShow(AdminApiClient api, string flag, Task<JsonElement> change, CancellationToken ct)
    {
        await change;
        return await Status(api, flag, null!, ct);
    }
}
