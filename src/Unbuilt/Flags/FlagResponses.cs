using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Unbuilt.Data.Flags;
using Unbuilt.FlagEngine;

namespace Unbuilt.Flags;

/// A flag as the API shows it: the guide's fields, then ours. allowedUserIds is the beta list (users with an
/// enabled entry); blockedUserIds the users switched off on purpose; rolloutPlan null means the default plan.
public sealed record FlagResponse(string Name, string Description, bool Enabled, int RolloutPercentage,
    IReadOnlyList<string> AllowedTiers, IReadOnlyList<int> AllowedUserIds, DateTime CreatedAt, DateTime UpdatedAt,
    string? Phase, DateTime? PhaseStartedAt,
    [property: AllowedValues(GuardPolicies.Alert, GuardPolicies.StepDown, GuardPolicies.Rollback)] string GuardPolicy,
    IReadOnlyList<int> BlockedUserIds, IReadOnlyList<RolloutPhaseResponse>? RolloutPlan);

/// A phase of a rollout plan, in the shape a plan is sent in (plannedDuration as "d.hh:mm:ss").
public sealed record RolloutPhaseResponse(string Name, bool Enabled, int RolloutPercentage, IReadOnlyList<string> AllowedTiers,
    TimeSpan? PlannedDuration, HealthGate? HealthGate);

public sealed record InitResponse(bool Created, FlagResponse Flag);

public sealed record FlagChangeResponse(long Id, string Action, string Actor, int? ActorUserId, string? Reason,
    JsonElement? Before, JsonElement After, DateTime CreatedAt);

public sealed record CheckResponse(bool Enabled, string Reason);

public sealed record FeaturesResponse(IReadOnlyList<string> Features);

/// bucket is the user's bucket (1..100) for this flag, whichever rule decided.
public sealed record EvaluateResponse(string Flag, int UserId, string Tier, bool Enabled, string Reason, int Bucket);

public sealed record CacheClearedResponse(int Flags, long Reloads, DateTimeOffset? ReloadedAt);

public static class FlagMapping
{
    public static FlagResponse AsResponse(this FeatureFlag flag, IEnumerable<int> blockedUserIds) => new(
        flag.Name, flag.Description, flag.Enabled, flag.RolloutPercentage, flag.AllowedTiers, flag.AllowedUserIds,
        flag.CreatedAt, flag.UpdatedAt, flag.Phase, flag.PhaseStartedAt, flag.GuardPolicy, [.. blockedUserIds],
        flag.RolloutPlan is null ? null : [.. FlagPhases.Parse(flag.RolloutPlan).Phases.Select(AsResponse)]);

    public static RolloutPhaseResponse AsResponse(this RolloutPhase phase) => new(phase.Name, phase.Enabled,
        phase.RolloutPercentage, [.. phase.AllowedTiers.Select(t => t.ToName())], phase.PlannedDuration, phase.HealthGate);

    public static FlagResponse AsResponse(this FlagEdit edit) => edit.Flag.AsResponse(edit.BlockedUserIds);

    public static FlagChangeResponse AsResponse(this FeatureFlagChange change) => new(
        change.Id, change.Action, change.Actor, change.ActorUserId, change.Reason,
        change.Before is null ? null : JsonSerializer.Deserialize<JsonElement>(change.Before),
        JsonSerializer.Deserialize<JsonElement>(change.After), change.CreatedAt);
}
