namespace Unbuilt.Data.Plans;

public enum TaskState { NotStarted, InProgress, Completed, Skipped }

public sealed class PlanTask
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public int PhaseId { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public TaskState Status { get; set; }
    /// Fractional index within the phase, compared ordinally (tie broken by id): a move writes one row.
    public required string Position { get; set; }
    public string? EstimatedTime { get; set; }
    public List<string> Resources { get; set; } = [];
    public DateOnly? DueDate { get; set; }
    public int? AssigneeId { get; set; }
    public bool IsCustom { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int? CompletedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
}
