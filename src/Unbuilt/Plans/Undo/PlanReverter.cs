using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Api;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Tasks;

namespace Unbuilt.Plans.Undo;

/// Reverses an operation: walks its history rows newest first and writes each row's `before` state back, but only
/// if the row is still exactly in its `after` state; otherwise someone changed it since, and the whole reversal is
/// refused (the caller's transaction rolls back, so nothing changes). Redo is the reversal of an undo.
public sealed class PlanReverter(PlanTransaction change)
{
    public async Task<ProblemHttpResult?> RevertAsync(IReadOnlyList<TaskHistory> rows, CancellationToken ct)
    {
        foreach (var row in rows.OrderByDescending(r => r.Id))
        {
            var problem = row.Action.Split('.')[0] switch
            {
                "task" => await TaskAsync(row, ct),
                "dependency" => await DependencyAsync(row, ct),
                "phase" => await PhaseAsync(row, ct),
                "plan" => await PlanAsync(row, ct),
                _ => null, // members are not content: not undone
            };
            if (problem is not null) return problem;
            await change.SaveAsync(ct);
        }
        return null;
    }

    private async Task<ProblemHttpResult?> TaskAsync(TaskHistory row, CancellationToken ct)
    {
        var task = await change.Db.PlanTasks.FirstOrDefaultAsync(t => t.Id == row.TaskId && t.PlanId == change.Plan.Id, ct);
        var current = task is null ? null : RowJson.Write(TaskRow.Of(task));
        if (current != RowJson.Canonical<TaskRow>(row.NewState))
            return Changed($"task '{task?.Title ?? RowJson.Read<TaskRow>(row.NewState)?.Title}' has been changed by someone else since");
        var target = await WithoutFormerMemberAsync(RowJson.Read<TaskRow>(row.PreviousState), ct);
        if (target is null) await change.Edit.DeleteTaskAsync(task!, ct);
        // Not checked against TasksPerPlan: it restores a task that existed, so an undo or redo works even when others
        // have filled the plan since. The plan can end over the cap by at most the tasks this user's undo stack
        // deleted, and creating stays refused until it is below the cap again.
        else if (task is null) await change.Edit.RestoreTaskAsync(target, ct);
        else change.Edit.UpdateTask(task, target.ApplyTo);
        return null;
    }

    /// A restored assignee must still be a member, as for any edit (TasksApi refuses others). The assignee is cleared
    /// rather than the undo refused: refusing would block this undo and every one beneath it on the user's stack for
    /// a reason they cannot fix from there (a deleted task could never come back), while the rest of the task comes
    /// back exactly and any editor can assign it again. CompletedBy is left as it was: it records who did the work,
    /// not access to the plan, and no edit validates it against membership.
    private async Task<TaskRow?> WithoutFormerMemberAsync(TaskRow? target, CancellationToken ct)
    {
        if (target?.AssigneeId is null || await TasksApi.IsAssignableAsync(change.Db, change.Plan.Id, target.AssigneeId, ct))
            return target;
        return target with { AssigneeId = null };
    }

    private async Task<ProblemHttpResult?> DependencyAsync(TaskHistory row, CancellationToken ct)
    {
        var key = RowJson.Read<DependencyRow>(row.NewState ?? row.PreviousState)!;
        var link = await change.Db.TaskDependencies
            .FirstOrDefaultAsync(d => d.TaskId == key.TaskId && d.PrerequisiteTaskId == key.PrerequisiteTaskId, ct);
        var current = link is null ? null : RowJson.Write(new DependencyRow(link.TaskId, link.PrerequisiteTaskId));
        if (current != RowJson.Canonical<DependencyRow>(row.NewState))
            return Changed("a dependency it changed has been changed by someone else since");
        if (row.PreviousState is null)
        {
            change.Edit.RemoveDependency(link!);
            return null;
        }
        // Not checked against PrerequisitesPerTask, as for a restored task: it brings back a link that existed.
        var planId = change.Plan.Id;
        var present = await change.Db.PlanTasks
            .CountAsync(t => t.PlanId == planId && (t.Id == key.TaskId || t.Id == key.PrerequisiteTaskId), ct);
        if (present < 2) return Changed("a task of a dependency it restores has been deleted since");
        if (await DependenciesApi.CycleAsync(change.Db, planId, key.TaskId, key.PrerequisiteTaskId, ct) is { } cycle)
            return Changed($"restoring a dependency would now close a cycle ({cycle.ProblemDetails.Detail})");
        change.Edit.AddDependency(key.TaskId, key.PrerequisiteTaskId);
        return null;
    }

    /// A phase comes back with its id (its tasks' rows, reverted after it, move them back into it); a phase goes
    /// only while empty, since deleting one takes its tasks with it.
    private async Task<ProblemHttpResult?> PhaseAsync(TaskHistory row, CancellationToken ct)
    {
        var id = RowJson.Read<PhaseRow>(row.NewState ?? row.PreviousState)!.Id;
        var phase = await change.Db.PlanPhases.FirstOrDefaultAsync(p => p.Id == id && p.PlanId == change.Plan.Id, ct);
        var current = phase is null ? null : RowJson.Write(PhaseRow.Of(phase));
        if (current != RowJson.Canonical<PhaseRow>(row.NewState))
            return Changed($"phase '{phase?.Name ?? RowJson.Read<PhaseRow>(row.NewState)?.Name}' has been changed by someone else since");
        var target = RowJson.Read<PhaseRow>(row.PreviousState);
        if (target is null)
        {
            if (await change.Db.PlanTasks.AnyAsync(t => t.PhaseId == id, ct))
                return Changed($"phase '{phase!.Name}' has had tasks added to it since");
            change.Edit.DeletePhase(phase!);
        }
        else if (phase is null) await change.Edit.RestorePhaseAsync(target, ct);
        else change.Edit.UpdatePhase(phase, target.ApplyTo);
        return null;
    }

    private async Task<ProblemHttpResult?> PlanAsync(TaskHistory row, CancellationToken ct)
    {
        if (RowJson.Write(PlanRow.Of(change.Plan)) != RowJson.Canonical<PlanRow>(row.NewState))
            return Changed("the plan's title, description or status has been changed by someone else since");
        var target = RowJson.Read<PlanRow>(row.PreviousState)!;
        if (target.Status == PlanStatus.Active && change.Plan.Status != PlanStatus.Active
            && await PlansApi.ActivePlanForAsync(change.Db, change.Plan, ct) is { } other)
            return PlansApi.ActivePlanExists(other);
        change.Edit.UpdatePlan(target.ApplyTo);
        return null;
    }

    private ProblemHttpResult Changed(string why) =>
        Problems.Conflict($"Cannot {(change.History.Kind == OperationKind.Redo ? "redo" : "undo")} this change: {why}. Nothing was changed.");
}
