using Unbuilt.Api;
using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Tasks;

/// POST /api/plans/{id}/tasks. afterTaskId absent puts the task last in the phase; null puts it first.
public sealed record CreateTaskRequest(int? PhaseId, string? Title, string? Description, TaskState? Status,
    string? EstimatedTime, List<string>? Resources, DateOnly? DueDate, int? AssigneeId, Optional<int?> AfterTaskId);

/// PATCH /api/tasks/{id}: any subset. estimatedTime, dueDate and assigneeId may be null to clear them.
/// `override: true` completes a task whose prerequisites are not all done (and says so in its history).
/// `base`: the values the client's form started from; a sent field whose base no longer holds refuses the request
/// (TaskBaseCheck).
public sealed record UpdateTaskRequest(string? Title, string? Description, TaskState? Status,
    Optional<string?> EstimatedTime, List<string>? Resources, Optional<DateOnly?> DueDate, Optional<int?> AssigneeId,
    bool? Override, TaskBase? Base)
{
    public bool IsEmpty => Title is null && Description is null && Status is null && !EstimatedTime.IsSet &&
        Resources is null && !DueDate.IsSet && !AssigneeId.IsSet;
}

/// POST /api/tasks/{id}/move: into phaseId (default: its own) right after afterTaskId (null or absent: first).
public sealed record MoveTaskRequest(int? PhaseId, int? AfterTaskId);

/// POST /api/plans/{id}/tasks/reorder: the phase's tasks in their new order (every task of the phase, plus any
/// from other phases to move in).
public sealed record ReorderTasksRequest(int? PhaseId, List<int>? TaskIds);

public sealed record AddDependencyRequest(int? PrerequisiteTaskId);
