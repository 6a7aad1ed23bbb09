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
        int taskId, MoveTaskRequest request, PlanMutations mutations, PlanReader reader, CancellationToken ct)
    {
        await using var mutation = await mutations.ForTaskAsync(taskId, MemberRole.Editor, ct);
        var task = await mutation.TaskAsync(taskId, ct);
        var phaseId = request.PhaseId ?? task.PhaseId;
        var errors = new FieldErrors();
        if (request.AfterTaskId == taskId) return errors.Add("afterTaskId", "A task cannot go after itself.").ToProblem();

        if (await TaskMover.PhaseSlotsAsync(mutation.Db, task.PlanId, phaseId, ct) is not { } order)
            return errors.Add("phaseId", $"Phase {phaseId} is not a phase of this plan.").ToProblem();
        // Already there (same neighbours): keep the key, so a repeated drop changes nothing.
        if (!IsAlreadyPlaced(order, task, phaseId, request.AfterTaskId))
        {
            var position = await TaskMover.PlaceAsync(mutation, [.. order.Where(s => s.TaskId != taskId)], request.AfterTaskId, last: false, ct);
            if (position is null) return errors.Add("afterTaskId", $"Task {request.AfterTaskId} is not in phase {phaseId}.").ToProblem();
            mutation.Edit.UpdateTask(task, t =>
            {
                t.PhaseId = phaseId;
                t.Position = position;
            });
        }
        // A move never changes a task's prerequisites: those read with the task answer.
        return await mutation.CommitAsync("task.moved", async () => TypedResults.Ok(mutation.Prerequisites is { } prerequisites
            ? PlanReader.Response(task, prerequisites) : await reader.TaskAsync(task, ct)), ct);
    }

    private static bool IsAlreadyPlaced(List<Slot> order, PlanTask task, int phaseId, int? afterTaskId)
    {
        if (task.PhaseId != phaseId) return false;
        var index = order.FindIndex(s => s.TaskId == task.Id);
        return afterTaskId is null ? index == 0 : index > 0 && order[index - 1].TaskId == afterTaskId;
    }

    private static async Task<Results<Ok<PlanResponse>, ProblemHttpResult, ValidationProblem>> Reorder(
        int planId, ReorderTasksRequest request, PlanMutations mutations, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (request.PhaseId is null) errors.Add("phaseId", "phaseId is required.");
        if (request.TaskIds is not { Count: > 0 }) errors.Add("taskIds", "taskIds must list the phase's tasks in their new order.");
        else if (request.TaskIds.Distinct().Count() != request.TaskIds.Count) errors.Add("taskIds", "taskIds lists a task twice.");
        if (errors.Any) return errors.ToProblem();

        await using var mutation = await mutations.ForPlanAsync(planId, MemberRole.Editor, ct);
        var phaseId = request.PhaseId!.Value;
        var ids = request.TaskIds!;
        // The whole plan is read here (one query), before the lock: the answer is built from it once the change is
        // applied. The tasks that change are attached to the change as they are edited.
        var content = await PlanContent.ContentAsync(mutation.Db, mutation.Plan, ct);
        if (!content.Phases.Any(p => p.Id == phaseId))
            return errors.Add("phaseId", $"Phase {phaseId} is not a phase of this plan.").ToProblem();
        var listed = ids.ToHashSet();
        var tasks = content.Tasks.Where(t => listed.Contains(t.Id) || t.PhaseId == phaseId).ToDictionary(t => t.Id);
        if (ids.Where(id => !tasks.ContainsKey(id)).ToList() is { Count: > 0 } strangers)
            return errors.Add("taskIds", $"Not tasks of this plan: {string.Join(", ", strangers)}.").ToProblem();
        if (tasks.Values.Where(t => t.PhaseId == phaseId && !ids.Contains(t.Id)).Select(t => t.Id).Order().ToList() is { Count: > 0 } missing)
            return errors.Add("taskIds", $"taskIds must list every task of the phase; missing: {string.Join(", ", missing)}.").ToProblem();

        var movingIn = ids.Where(id => tasks[id].PhaseId != phaseId).ToHashSet();
        var changes = ReorderPlan.For([.. ids.Select(id => new Slot(id, tasks[id].Position))], movingIn)
            .ToDictionary(s => s.TaskId, s => s.Position);
        foreach (var id in ids)
        {
            if (!changes.TryGetValue(id, out var position) && !movingIn.Contains(id)) continue;
            mutation.Db.PlanTasks.Attach(tasks[id]);
            mutation.Edit.UpdateTask(tasks[id], t =>
            {
                t.PhaseId = phaseId;
                if (position is not null) t.Position = position;
            });
        }
        return await mutation.CommitAsync("tasks.reordered", () => Task.FromResult(TypedResults.Ok(PlanReader.Response(
            PlanContent.Of(mutation.Plan, [.. content.Phases], [.. content.Tasks], [.. content.Dependencies]), mutation.Role))), ct);
    }
}
