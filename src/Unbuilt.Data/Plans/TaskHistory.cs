namespace Unbuilt.Data.Plans;

/// One change to one row of a plan (a task, a dependency, the plan itself, a member), with its state before and
/// after as JSON (null before = created, null after = deleted), grouped by operation. Undo and redo read it.
public sealed class TaskHistory
{
    public long Id { get; set; }
    public int PlanId { get; set; }
    public int? TaskId { get; set; }
    public int UserId { get; set; }
    /// The entity and the verb, e.g. task.created, task.updated, task.moved, dependency.added, plan.updated.
    public required string Action { get; set; }
    public string? PreviousState { get; set; }
    public string? NewState { get; set; }
    public int PlanVersion { get; set; }
    /// The user's operation this change belongs to (one request = one operation; X-Operation-Id when given).
    public required string OperationId { get; set; }
    /// Set on the rows of an undo or a redo: the operation they reverse or replay.
    public string? RevertsOperationId { get; set; }
    public bool IsUndo { get; set; }
    /// Why, when it matters later: e.g. a task completed over incomplete prerequisites with override.
    public string? Note { get; set; }
    public DateTime Timestamp { get; set; }
}
