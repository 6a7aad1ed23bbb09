using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Changes;

/// The task_history rows one change records as it edits, each under the change's operation id and the plan's new
/// version, and the live event they become once the change commits. An undo or redo is recorded as such, naming the
/// operation it reverses.
public sealed class ChangeHistory(ActionPlan plan, int actorId, string operationId, DateTime now)
{
    private readonly List<TaskHistory> rows = [];

    public OperationKind Kind { get; private set; } = OperationKind.Do;
    public string? TargetOperationId { get; private set; }
    public IReadOnlyList<TaskHistory> Rows => rows;

    /// Marks the change as an undo or redo of <paramref name="operationId"/>; before anything is recorded.
    public void Reverts(OperationKind kind, string operationId)
    {
        Kind = kind;
        TargetOperationId = operationId;
    }

    public void Record(string action, int? taskId, string? before, string? after, string? note = null) =>
        rows.Add(new TaskHistory
        {
            PlanId = plan.Id, TaskId = taskId, UserId = actorId, Action = action, PreviousState = before,
            NewState = after, PlanVersion = plan.Version, OperationId = operationId, Note = note,
            RevertsOperationId = Kind == OperationKind.Do ? null : TargetOperationId, IsUndo = Kind != OperationKind.Do,
            Timestamp = now,
        });

    /// The committed change as live clients receive it.
    public PlanChange Event(string type) =>
        new(plan.Id, plan.Version, type, new PlanChangeData(Kind, TargetOperationId, [.. rows.Select(RowChange.Of)]),
            actorId, operationId, now);
}
