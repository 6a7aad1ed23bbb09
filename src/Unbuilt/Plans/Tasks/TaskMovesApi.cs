using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Data.Plans;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Ordering;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Tasks;

/// Ordering by intent: move one task after another (one row written), or put a phase in a given order.
public static class TaskMovesApi
{
    public static void MapTaskMoves(this RouteGroupBuilder plans, RouteGroupBuilder tasks)
    {
        tasks.MapPost("/{taskId:int}/move", Move).WithOperation("task_moved", "action_plan.task_move");
        plans.MapPost("/{planId:int}/tasks/reorder", Reorder).WithOperation("task_moved", "action_plan.task_reorder");
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult, ValidationProblem>> Move(
        int taskId, MoveTaskRequest request, PlanChangeOpener changes, CancellationToken ct)
    {
        await using var change = await changes.ForTaskAsync(taskId, MemberRole.Editor, ct);
        var task = change.Task;
        var phaseId = request.PhaseId ?? task.PhaseId;
        var errors = new FieldErrors();
        if (request.AfterTaskId == taskId) return errors.Add("afterTaskId", "A task cannot go after itself.").ToProblem();

        if (await TaskMover.PhaseSlotsAsync(change.Db, task.PlanId, phaseId, ct) is not { } order)
            return errors.Add("phaseId", $"Phase {phaseId} is not a phase of this plan.").ToProblem();
        // Already there (same neighbours): keep the key, so a repeated drop changes nothing.
        if (task.PhaseId != phaseId || !TaskPlacement.IsAfter(order, task.Id, request.AfterTaskId))
        {
            var position = await TaskMover.PlaceAsync(change, [.. order.Where(s => s.TaskId != taskId)], request.AfterTaskId, last: false, ct);
            if (position is null) return errors.Add("afterTaskId", $"Task {request.AfterTaskId} is not in phase {phaseId}.").ToProblem();
            change.Edit.UpdateTask(task, t =>
            {
                t.PhaseId = phaseId;
                t.Position = position;
            });
        }
        // A move never changes a task's prerequisites: those read with the task answer.
        return await change.CommitAsync("task.moved", TypedResults.Ok(PlanReader.Response(task, change.Prerequisites)), ct);
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult, ValidationProblem>> Reorder(
        int planId, ReorderTasksRequest request, PlanChangeOpener changes, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.PhaseId is null) errors.Add("phaseId", "phaseId is required.");
        if (request.TaskIds is not { Count: > 0 }) errors.Add("taskIds", "taskIds must list the phase's tasks in their new order.");
        else if (request.TaskIds.Distinct().Count() != request.TaskIds.Count) errors.Add("taskIds", "taskIds lists a task twice.");
        if (errors.Any) return errors.ToProblem();

        await using var change = await changes.ForPlanAsync(planId, MemberRole.Editor, ct);
        var phaseId = request.PhaseId!.Value;
        var ids = request.TaskIds!;
        // The whole plan is read here (one query), before the lock: the answer is built from it once the change is
        // applied. The tasks that change are attached to the change as they are edited.
        var content = await PlanContent.ContentAsync(change.Db, change.Plan, ct);
        if (!content.Phases.Any(p => p.Id == phaseId))
            return errors.Add("phaseId", $"Phase {phaseId} is not a phase of this plan.").ToProblem();
        var listed = ids.ToHashSet();
        var tasks = content.Tasks.Where(t => listed.Contains(t.Id) || t.PhaseId == phaseId).ToDictionary(t => t.Id);
        if (ids.Where(id => !tasks.ContainsKey(id)).ToList() is { Count: > 0 } strangers)
            return errors.Add("taskIds", $"Not tasks of this plan: {string.Join(", ", strangers)}.").ToProblem();
        if (tasks.Values.Where(t => t.PhaseId == phaseId && !ids.Contains(t.Id)).Select(t => t.Id).Order().ToList() is { Count: > 0 } missing)
            return errors.Add("taskIds", $"taskIds must list every task of the phase; missing: {string.Join(", ", missing)}.").ToProblem();

        var movingIn = ids.Where(id => tasks[id].PhaseId != phaseId).ToHashSet();
        var moves = ReorderPlan.For([.. ids.Select(id => new Slot(id, tasks[id].Position))], movingIn)
            .ToDictionary(s => s.TaskId, s => s.Position);
        foreach (var id in ids)
        {
            if (!moves.TryGetValue(id, out var position) && !movingIn.Contains(id)) continue;
            change.Db.PlanTasks.Attach(tasks[id]);
            change.Edit.UpdateTask(tasks[id], t =>
            {
                t.PhaseId = phaseId;
                if (position is not null) t.Position = position;
            });
        }
        return await change.CommitAsync("tasks.reordered", TypedResults.Ok(PlanReader.Response(
            PlanContent.Of(change.Plan, [.. content.Phases], [.. content.Tasks], [.. content.Dependencies]), change.Role)), ct);
    }
}
