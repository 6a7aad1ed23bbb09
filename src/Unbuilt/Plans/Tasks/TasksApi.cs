using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Access;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Tasks;

/// Adding, editing (status included) and deleting tasks.
public static class TasksApi
{
    public static void MapTasks(this RouteGroupBuilder plans, RouteGroupBuilder tasks)
    {
        plans.MapPost("/{planId:int}/tasks", Create).WithOperation("task_created", "action_plan.task_create");
        tasks.MapPatch("/{taskId:int}", Update).WithOperation("task_updated", "action_plan.task_update");
        tasks.MapDelete("/{taskId:int}", Delete).WithOperation("task_deleted", "action_plan.task_delete");
    }

    private static async Task<Results<Created<TaskResponse>, ProblemHttpResult, ValidationProblem>> Create(
        int planId, CreateTaskRequest request, PlanChangeOpener changes, PlanLimits limits, CancellationToken ct)
    {
        var errors = TaskFields.Check(new FieldErrors(), request.Title, true, request.Description, request.EstimatedTime, request.Resources);
        if (request.PhaseId is null) errors.Add("phaseId", "phaseId is required.");
        if (errors.Any) return errors.ToProblem();

        await using var change = await changes.ForPlanAsync(planId, MemberRole.Editor, ct);
        // The plan's total_tasks, read with it: exact for the version this change writes on (the lock's version
        // check), so the cap costs no query. Only creation checks it; an undo restoring a task does not (PlanReverter).
        if (limits.Tasks(change.Plan.TotalTasks) is { } full) return full;
        var phaseId = request.PhaseId!.Value;
        if (await TaskMover.PhaseSlotsAsync(change.Db, planId, phaseId, ct) is not { } slots)
            return errors.Add("phaseId", $"Phase {phaseId} is not a phase of this plan.").ToProblem();
        if (!await IsAssignableAsync(change.Db, planId, request.AssigneeId, ct))
            return errors.Add("assigneeId", "The assignee must be a member of the plan.").ToProblem();
        var after = request.AfterTaskId;
        var position = await TaskMover.PlaceAsync(change, slots, after.Value, last: !after.IsSet, ct);
        if (position is null) return errors.Add("afterTaskId", $"Task {after.Value} is not in phase {phaseId}.").ToProblem();

        var task = new PlanTask
        {
            PhaseId = phaseId, Title = request.Title!.Trim(), Description = request.Description?.Trim() ?? "",
            Position = position, EstimatedTime = TaskFields.Blank(request.EstimatedTime),
            Resources = TaskFields.Clean(request.Resources ?? []), DueDate = request.DueDate, AssigneeId = request.AssigneeId,
            IsCustom = true,
        };
        TaskCompletion.SetStatus(task, request.Status ?? TaskState.NotStarted, change.ActorId, change.Now);
        await change.Edit.AddTaskAsync(task, ct);
        return await change.CommitAsync("task.created", TypedResults.Created($"/api/tasks/{task.Id}", PlanReader.Response(task, [])), ct);
    }

    private static async Task<Results<Ok<TaskResponse>, ProblemHttpResult, ValidationProblem>> Update(
        int taskId, UpdateTaskRequest request, PlanChangeOpener changes, CancellationToken ct)
    {
        var errors = TaskFields.Check(new FieldErrors(), request.Title, false, request.Description,
            request.EstimatedTime.Value, request.Resources);
        if (request.IsEmpty) errors.Add("body", "Send at least one field to change.");
        if (TaskBaseCheck.Check(errors, request.Base).Any) return errors.ToProblem();

        await using var change = await changes.ForTaskAsync(taskId, MemberRole.Editor, ct);
        var task = change.Task;
        if (TaskBaseCheck.Conflicts(task, request) is { Count: > 0 } conflicts)
            return TaskBaseCheck.Refused(PlanReader.Response(task, change.Prerequisites), conflicts);
        if (request.AssigneeId.IsSet && !await IsAssignableAsync(change.Db, task.PlanId, request.AssigneeId.Value, ct))
            return errors.Add("assigneeId", "The assignee must be a member of the plan.").ToProblem();
        string? note = null;
        if (TaskCompletion.Completes(task, request.Status))
        {
            var incomplete = TaskCompletion.Incomplete(change.Prerequisites);
            if (incomplete.Count > 0 && request.Override != true) return TaskCompletion.Blocked(task, incomplete);
            if (incomplete.Count > 0) note = TaskCompletion.OverrideNote(incomplete);
        }
        change.Edit.UpdateTask(task, t =>
        {
            if (request.Title is not null) t.Title = request.Title.Trim();
            if (request.Description is not null) t.Description = request.Description.Trim();
            t.EstimatedTime = request.EstimatedTime.IsSet ? TaskFields.Blank(request.EstimatedTime.Value) : t.EstimatedTime;
            if (request.Resources is not null) t.Resources = TaskFields.Clean(request.Resources);
            t.DueDate = request.DueDate.Or(t.DueDate);
            t.AssigneeId = request.AssigneeId.Or(t.AssigneeId);
            if (request.Status is { } status) TaskCompletion.SetStatus(t, status, change.ActorId, change.Now);
        }, note);
        return await change.CommitAsync("task.updated", TypedResults.Ok(PlanReader.Response(task, change.Prerequisites)), ct);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        int taskId, PlanChangeOpener changes, CancellationToken ct)
    {
        await using var change = await changes.ForTaskAsync(taskId, MemberRole.Editor, ct);
        await change.Edit.DeleteTaskAsync(change.Task, ct);
        return await change.CommitAsync("task.deleted", TypedResults.NoContent(), ct);
    }

    public static async Task<bool> IsAssignableAsync(UnbuiltDbContext db, int planId, int? userId, CancellationToken ct) =>
        userId is null || await db.PlanMembers.AnyAsync(m => m.PlanId == planId && m.UserId == userId, ct);
}
