using System.Text.Json;
using Unbuilt.FlagEngine;

namespace Unbuilt.Flags;

/// POST /api/feature-flags: creates the flag or updates the fields given. allowedUserIds replaces the beta list;
/// segments replaces the segments the flag targets (by name).
public sealed record UpsertFlagRequest(string? Name, string? Description, bool? Enabled, int? RolloutPercentage,
    List<string>? AllowedTiers, List<int>? AllowedUserIds, string? GuardPolicy, JsonElement? RolloutPlan, string? Reason,
    List<string>? Segments = null);

/// PATCH /api/feature-flags/{name}: any subset of the flag's fields. A null rolloutPlan leaves it; [] resets it
/// to the default plan.
public sealed record PatchFlagRequest(string? Description, bool? Enabled, int? RolloutPercentage,
    List<string>? AllowedTiers, List<int>? AllowedUserIds, string? GuardPolicy, JsonElement? RolloutPlan, string? Reason,
    List<string>? Segments = null)
{
    public bool IsEmpty => Description is null && Enabled is null && RolloutPercentage is null && AllowedTiers is null &&
        AllowedUserIds is null && GuardPolicy is null && RolloutPlan is null && Segments is null;
}

public sealed record RolloutRequest(int? Percentage, string? Reason);

/// PUT …/phases/{phase}/segments: the segments one phase of the flag's plan targets ([] for none).
public sealed record PhaseSegmentsRequest(List<string>? Segments, string? Reason);

/// POST …/users: a beta user (enabled, the default) or a user blocked on purpose (enabled: false).
public sealed record AddUserRequest(int? UserId, bool? Enabled, string? Reason);

public sealed record DeployRequest(string? Phase, string? Reason);

/// Optional body of advance.
public sealed record AdvanceRequest(bool? Force, string? Reason)
{
    public static ValueTask<AdvanceRequest?> BindAsync(HttpContext http) => OptionalBody.BindAsync<AdvanceRequest>(http);
}

/// Optional body of init (description, reason) and rollback (reason).
public sealed record ReasonRequest(string? Reason, string? Description = null)
{
    public static ValueTask<ReasonRequest?> BindAsync(HttpContext http) => OptionalBody.BindAsync<ReasonRequest>(http);
}
