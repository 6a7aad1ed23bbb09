using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Changes;

/// The only way plan rows change: each edit applies to the tracked entities, records its history row (state before
/// and after) and keeps the plan's counts. Undo and redo use the same edits, so they are recorded the same way.
public sealed class PlanEditor(UnbuiltDbContext db, ActionPlan plan, DateTime now, ChangeHistory history, PlanCounts counts,
    PlanVersionLock writes)
{
    public async Task<PlanTask> AddTaskAsync(PlanTask task, CancellationToken ct)
    {
        await AddTasksAsync([task], ct);
        return task;
    }

    public async Task AddTasksAsync(IReadOnlyList<PlanTask> tasks, CancellationToken ct)
    {
        foreach (var task in tasks)
        {
            task.PlanId = plan.Id;
            if (task.CreatedAt == default) task.CreatedAt = now;
            task.UpdatedAt = now;
            task.Version = 1;
            db.PlanTasks.Add(task);
            counts.Track(null, task.Status);
        }
        await writes.SaveAsync(ct); // the history rows need the ids
        foreach (var task in tasks) history.Record("task.created", task.Id, null, RowJson.Write(TaskRow.Of(task)));
    }

    /// Applies <paramref name="change"/>; records task.moved when only the phase or position changed, otherwise
    /// task.updated. A change that changes nothing records nothing.
    public void UpdateTask(PlanTask task, Action<PlanTask> change, string? note = null)
    {
        var before = TaskRow.Of(task);
        change(task);
        var after = TaskRow.Of(task);
        var (beforeJson, afterJson) = (RowJson.Write(before), RowJson.Write(after));
        if (beforeJson == afterJson) return;
        task.Version++;
        task.UpdatedAt = now;
        counts.Track(before.Status, after.Status);
        var moved = RowJson.Write(before with { PhaseId = after.PhaseId, Position = after.Position }) == afterJson;
        history.Record(moved ? "task.moved" : "task.updated", task.Id, beforeJson, afterJson, note);
    }

    /// Removes the task's dependencies (each recorded, so an undo brings them back), then the task.
    public async Task DeleteTaskAsync(PlanTask task, CancellationToken ct)
    {
        var links = await db.TaskDependencies
            .Where(d => d.TaskId == task.Id || d.PrerequisiteTaskId == task.Id)
            .OrderBy(d => d.Id).ToListAsync(ct);
        foreach (var link in links) RemoveDependency(link);
        db.PlanTasks.Remove(task);
        counts.Track(task.Status, null);
        history.Record("task.deleted", task.Id, RowJson.Write(TaskRow.Of(task)), null);
    }

    /// Brings a deleted task back with its id (ids are never reused, so it is free).
    public async Task<PlanTask> RestoreTaskAsync(TaskRow row, CancellationToken ct)
    {
        var task = new PlanTask { Id = row.Id, Title = row.Title, Position = row.Position };
        row.ApplyTo(task);
        task.CreatedAt = row.CreatedAt;
        return await AddTaskAsync(task, ct);
    }

    public void AddDependency(int taskId, int prerequisiteTaskId)
    {
        db.TaskDependencies.Add(new TaskDependency
        {
            PlanId = plan.Id, TaskId = taskId, PrerequisiteTaskId = prerequisiteTaskId, CreatedAt = now,
        });
        history.Record("dependency.added", taskId, null, RowJson.Write(new DependencyRow(taskId, prerequisiteTaskId)));
    }

    public void RemoveDependency(TaskDependency link)
    {
        db.TaskDependencies.Remove(link);
        history.Record("dependency.removed", link.TaskId,
            RowJson.Write(new DependencyRow(link.TaskId, link.PrerequisiteTaskId)), null);
    }

    /// Adds a phase (or brings a deleted one back with its id: ids are never reused, so it is free).
    public async Task AddPhaseAsync(PlanPhase phase, CancellationToken ct)
    {
        phase.PlanId = plan.Id;
        db.PlanPhases.Add(phase);
        await writes.SaveAsync(ct); // the history row needs the id
        history.Record("phase.created", null, null, RowJson.Write(PhaseRow.Of(phase)));
    }

    public Task RestorePhaseAsync(PhaseRow row, CancellationToken ct)
    {
        var phase = new PlanPhase { Id = row.Id, Name = row.Name, Position = row.Position };
        row.ApplyTo(phase);
        return AddPhaseAsync(phase, ct);
    }

    /// Applies <paramref name="change"/>; records phase.moved when only the position changed, otherwise phase.updated.
    /// A change that changes nothing records nothing.
    public void UpdatePhase(PlanPhase phase, Action<PlanPhase> change)
    {
        var before = PhaseRow.Of(phase);
        change(phase);
        var after = PhaseRow.Of(phase);
        if (before == after) return;
        var moved = before with { Position = after.Position } == after;
        history.Record(moved ? "phase.moved" : "phase.updated", null, RowJson.Write(before), RowJson.Write(after));
    }

    /// Removes an empty phase (its tasks, if it had any, were moved out first, each recorded as task.moved).
    public void DeletePhase(PlanPhase phase)
    {
        db.PlanPhases.Remove(phase);
        history.Record("phase.deleted", null, RowJson.Write(PhaseRow.Of(phase)), null);
    }

    public void RecordPlanCreated() => history.Record("plan.created", null, null, RowJson.Write(PlanRow.Of(plan)));

    public void UpdatePlan(Action<ActionPlan> change)
    {
        var before = RowJson.Write(PlanRow.Of(plan));
        change(plan);
        var after = RowJson.Write(PlanRow.Of(plan));
        if (before != after) history.Record("plan.updated", null, before, after);
    }

    public void RecordMember(string action, MemberRow? before, MemberRow? after) =>
        history.Record(action, null, RowJson.Write(before), RowJson.Write(after));
}
