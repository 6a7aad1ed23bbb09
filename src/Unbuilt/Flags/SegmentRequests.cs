namespace Unbuilt.Flags;

/// POST /api/segments. A segment needs at least one user id or one condition; minAccountAgeDays 0 is no condition.
public sealed record CreateSegmentRequest(string? Name, string? Description, List<int>? UserIds, List<string>? EmailDomains,
    List<string>? Tiers, int? MinAccountAgeDays, string? Reason);

/// PATCH /api/segments/{id}: any subset of the fields; a list replaces the list, minAccountAgeDays 0 removes the age
/// condition. The name cannot change (flags and phases refer to a segment by name): sending another is a 400.
public sealed record PatchSegmentRequest(string? Name, string? Description, List<int>? UserIds, List<string>? EmailDomains,
    List<string>? Tiers, int? MinAccountAgeDays, string? Reason)
{
    public bool IsEmpty => Name is null && Description is null && UserIds is null && EmailDomains is null && Tiers is null &&
        MinAccountAgeDays is null;
}

/// A segment as the API shows it; usedBy names the flags that target it and the plan phases that do, e.g.
/// "action_plan_customization" and "action_plan_customization (phase internal)".
public sealed record SegmentResponse(int Id, string Name, string Description, IReadOnlyList<int> UserIds,
    IReadOnlyList<string> EmailDomains, IReadOnlyList<string> Tiers, int? MinAccountAgeDays, DateTime CreatedAt,
    DateTime UpdatedAt, IReadOnlyList<string> UsedBy);

/// One change to a segment, as flag history shows one: changes lists each field that differs between before and after.
public sealed record SegmentChangeResponse(long Id, string Action, string Actor, int? ActorUserId, string? Reason,
    System.Text.Json.JsonElement? Before, System.Text.Json.JsonElement After, DateTime CreatedAt, IReadOnlyList<FieldChange> Changes);
