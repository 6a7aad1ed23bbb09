using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Unbuilt.Data.Flags;
using Unbuilt.FlagEngine;

namespace Unbuilt.Flags;

/// A flag as the API shows it: the guide's fields, then ours. allowedUserIds is the beta list (users with an
/// enabled entry); blockedUserIds the users switched off on purpose; rolloutPlan null means the default plan.
/// state is on, off or archived; lastEvaluatedAt the last time any node evaluated it (null: never, as far as the
/// database knows); steadySince when it settled at 100 % for all tiers or off; readyToRemove whether it has stayed
/// so for Unbuilt:Flags:ReadyToRemoveAfterDays; health (the list only, null elsewhere and for archived flags) is the
/// current phase against its gate, as `status` says it; segments the names of the segments whose members get it on.
public sealed record FlagResponse(string Name, string Description, bool Enabled, int RolloutPercentage,
    IReadOnlyList<string> AllowedTiers, IReadOnlyList<int> AllowedUserIds, DateTime CreatedAt, DateTime UpdatedAt,
    string? Phase, DateTime? PhaseStartedAt,
    [property: AllowedValues(GuardPolicies.Alert, GuardPolicies.StepDown, GuardPolicies.Rollback)] string GuardPolicy,
    IReadOnlyList<int> BlockedUserIds, IReadOnlyList<RolloutPhaseResponse>? RolloutPlan,
    [property: AllowedValues("on", "off", "archived")] string State, DateTime? ArchivedAt, DateTime? LastEvaluatedAt,
    DateTime? SteadySince, bool ReadyToRemove,
    [property: AllowedValues("none", "unknown", "healthy", "breached", null)] string? Health,
    IReadOnlyList<string> Segments);

/// A phase of a rollout plan, in the shape a plan is sent in (plannedDuration as "d.hh:mm:ss").
public sealed record RolloutPhaseResponse(string Name, bool Enabled, int RolloutPercentage, IReadOnlyList<string> AllowedTiers,
    TimeSpan? PlannedDuration, HealthGate? HealthGate, IReadOnlyList<string> Segments);

public sealed record InitResponse(bool Created, FlagResponse Flag);

/// One change: actor is who in words as recorded; actorName and actorEmail the account's name and email now (null
/// for the guard or a deleted account); user the person an add, block or remove was about. changes lists each field
/// that differs between before and after.
public sealed record FlagChangeResponse(long Id, string Action, string Actor, int? ActorUserId, string? Reason,
    JsonElement? Before, JsonElement After, DateTime CreatedAt, string? ActorName, string? ActorEmail,
    FlagChangeUser? User, IReadOnlyList<FieldChange> Changes);

/// The user a change was about: id, and name and email (null once the account is deleted; words keeps them).
public sealed record FlagChangeUser(int? Id, string? Name, string? Email, string Words);

/// One field's value before and after a change (null before a flag's first change, and after its deletion).
public sealed record FieldChange(string Field, JsonElement? Before, JsonElement? After);

public sealed record CheckResponse(bool Enabled, string Reason);

public sealed record FeaturesResponse(IReadOnlyList<string> Features);

/// bucket is the user's bucket (1..100) for this flag, whichever rule decided; segment the segment that matched
/// (reason TARGETING_MATCH by a segment), else null; explanation the deciding rule in words, e.g.
/// "segment internal (email domain unbuilt.io)".
public sealed record EvaluateResponse(string Flag, int UserId, string Tier, bool Enabled, string Reason, int Bucket,
    string? Segment, string Explanation);

public sealed record CacheClearedResponse(int Flags, long Reloads, DateTimeOffset? ReloadedAt);

/// What a flag's readiness to remove is judged by: now, and Unbuilt:Flags:ReadyToRemoveAfterDays.
public readonly record struct Readiness(DateTime Now, int AfterDays)
{
    public bool IsReady(FeatureFlag flag) =>
        flag.ArchivedAt is null && flag.SteadySince is { } since && Now - since >= TimeSpan.FromDays(AfterDays);
}

public static class FlagMapping
{
    public static FlagResponse AsResponse(this FeatureFlag flag, IEnumerable<int> blockedUserIds, Readiness readiness,
        DateTime? lastEvaluatedAt = null, string? health = null) => new(
        flag.Name, flag.Description, flag.Enabled, flag.RolloutPercentage, flag.AllowedTiers, flag.AllowedUserIds,
        flag.CreatedAt, flag.UpdatedAt, flag.Phase, flag.PhaseStartedAt, flag.GuardPolicy, [.. blockedUserIds],
        flag.RolloutPlan is null ? null : [.. FlagPhases.Parse(flag.RolloutPlan).Phases.Select(AsResponse)],
        flag.ArchivedAt is not null ? "archived" : flag.Enabled ? "on" : "off", flag.ArchivedAt,
        Latest(flag.LastEvaluatedAt, lastEvaluatedAt), flag.SteadySince, readiness.IsReady(flag), health, flag.Segments);

    private static DateTime? Latest(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    public static RolloutPhaseResponse AsResponse(this RolloutPhase phase) => new(phase.Name, phase.Enabled,
        phase.RolloutPercentage, [.. phase.AllowedTiers.Select(t => t.ToName())], phase.PlannedDuration, phase.HealthGate,
        phase.Segments);

    public static FlagResponse AsResponse(this FlagEdit edit) => edit.Flag.AsResponse(edit.BlockedUserIds, edit.Readiness);

    /// people: the accounts still there, by id, as (name, email).
    public static FlagChangeResponse AsResponse(this FeatureFlagChange change,
        IReadOnlyDictionary<int, (string Name, string Email)> people)
    {
        var before = change.Before is null ? (JsonElement?)null : JsonSerializer.Deserialize<JsonElement>(change.Before);
        var after = JsonSerializer.Deserialize<JsonElement>(change.After);
        var actor = change.ActorUserId is { } actorId && people.TryGetValue(actorId, out var a) ? a : default;
        FlagChangeUser? user = null;
        if (change.Target is not null)
        {
            var known = change.TargetUserId is { } targetId && people.TryGetValue(targetId, out var t) ? t : default;
            user = new FlagChangeUser(change.TargetUserId, known.Name, known.Email, change.Target);
        }
        return new FlagChangeResponse(change.Id, change.Action, change.Actor, change.ActorUserId, change.Reason, before,
            after, change.CreatedAt, actor.Name, actor.Email, user, Diff(before, after));
    }

    /// The fields whose values differ, in the record's order; a missing field counts as null.
    public static List<FieldChange> Diff(JsonElement? before, JsonElement? after)
    {
        var fields = new List<string>();
        foreach (var side in new[] { before, after })
            if (side is { ValueKind: JsonValueKind.Object } obj)
                foreach (var property in obj.EnumerateObject())
                    if (!fields.Contains(property.Name)) fields.Add(property.Name);
        var changes = new List<FieldChange>();
        foreach (var field in fields)
        {
            var was = Field(before, field);
            var now = Field(after, field);
            if (was?.GetRawText() != now?.GetRawText()) changes.Add(new FieldChange(field, was, now));
        }
        return changes;
    }

    private static JsonElement? Field(JsonElement? record, string field) =>
        record is { ValueKind: JsonValueKind.Object } obj && obj.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null
            ? value : null;
}
