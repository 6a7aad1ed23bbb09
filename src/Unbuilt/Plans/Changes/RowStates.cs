using System.Text.Json;
using Unbuilt.Api;
using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Changes;

/// What task_history keeps of each kind of row: every field a user can change, so that writing a state back
/// restores the row exactly (a deleted task comes back with its id). Bookkeeping (version, updated_at) is left out.
public sealed record TaskRow(int Id, int PhaseId, string Title, string Description, TaskState Status, string Position,
    string? EstimatedTime, List<string> Resources, DateOnly? DueDate, int? AssigneeId, bool IsCustom,
    DateTime? CompletedAt, int? CompletedBy, DateTime CreatedAt)
{
    public static TaskRow Of(PlanTask t) => new(t.Id, t.PhaseId, t.Title, t.Description, t.Status, t.Position,
        t.EstimatedTime, [.. t.Resources], t.DueDate, t.AssigneeId, t.IsCustom, t.CompletedAt, t.CompletedBy, t.CreatedAt);

    public void ApplyTo(PlanTask t)
    {
        t.PhaseId = PhaseId;
        t.Title = Title;
        t.Description = Description;
        t.Status = Status;
        t.Position = Position;
        t.EstimatedTime = EstimatedTime;
        t.Resources = [.. Resources];
        t.DueDate = DueDate;
        t.AssigneeId = AssigneeId;
        t.IsCustom = IsCustom;
        t.CompletedAt = CompletedAt;
        t.CompletedBy = CompletedBy;
    }
}

public sealed record DependencyRow(int TaskId, int PrerequisiteTaskId);

/// A phase as history keeps it: with its id, so that undoing its deletion brings it back under the same id (its
/// tasks' history rows name it).
public sealed record PhaseRow(int Id, string Name, string Description, string Position, string? EstimatedDuration)
{
    public static PhaseRow Of(PlanPhase p) => new(p.Id, p.Name, p.Description, p.Position, p.EstimatedDuration);

    public void ApplyTo(PlanPhase p)
    {
        p.Name = Name;
        p.Description = Description;
        p.Position = Position;
        p.EstimatedDuration = EstimatedDuration;
    }
}

public sealed record PlanRow(string Title, string Description, PlanStatus Status, DateTime? CompletedAt)
{
    public static PlanRow Of(ActionPlan p) => new(p.Title, p.Description, p.Status, p.CompletedAt);

    public void ApplyTo(ActionPlan p)
    {
        p.Title = Title;
        p.Description = Description;
        p.Status = Status;
        p.CompletedAt = CompletedAt;
    }
}

public sealed record MemberRow(int UserId, MemberRole Role);

/// The JSON form of row states: the API's conventions, so history and live events read like the rest of the API.
public static class RowJson
{
    private static readonly JsonSerializerOptions Options = Create();

    public static string? Write<T>(T? row) where T : class => row is null ? null : JsonSerializer.Serialize(row, Options);

    public static T? Read<T>(string? json) where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, Options);

    /// Stored JSON in a form that compares equal to <see cref="Write"/> of the same state (PostgreSQL's jsonb
    /// reorders keys and adds spaces).
    public static string? Canonical<T>(string? json) where T : class => Write(Read<T>(json));

    public static JsonElement? Element(string? json) =>
        json is null ? null : JsonDocument.Parse(json).RootElement.Clone();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ApiConventions.Configure(options);
        return options;
    }
}
