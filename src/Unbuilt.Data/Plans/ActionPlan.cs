namespace Unbuilt.Data.Plans;

public enum PlanStatus { Active, Completed, Archived }

/// An action plan. `Version` goes up by one with every committed change; it is the ETag and the order of live events.
public sealed class ActionPlan
{
    public int Id { get; set; }
    /// The owner. The guide's adoption query counts plans by user_id.
    public int UserId { get; set; }
    public int? SearchId { get; set; }
    public int? SearchResultId { get; set; }
    public required string TemplateId { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public PlanStatus Status { get; set; }
    public int Version { get; set; }
    /// Kept exact in the transaction of every change (the guide's adoption query averages it).
    public int TotalTasks { get; set; }
    public int CompletedTasks { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
}
