using Microsoft.EntityFrameworkCore;
using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Changes;

/// The only way plan rows change: each edit applies to the tracked entities and records its history row (state
/// before and after) in the mutation. Undo and redo use the same edits, so they are recorded the same way.
public sealed class PlanEditor(PlanMutation mutation)
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
            task.PlanId = mutation.Plan.Id;
            if (task.CreatedAt == default) task.CreatedAt = mutation.Now;
            task.UpdatedAt = mutation.Now;
            task.Version = 1;
            mutation.Db.PlanTasks.Add(task);
        }
        await mutation.SaveAsync(ct); // the history rows need the ids
        foreach (var task in tasks) mutation.Record("task.created", task.Id, null, RowJson.Write(TaskRow.Of(task)));
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
        task.UpdatedAt = mutation.Now;
        var moved = RowJson.Write(before with { PhaseId = after.PhaseId, Position = after.Position }) == afterJson;
        mutation.Record(moved ? "task.moved" : "task.updated", task.Id, beforeJson, afterJson, note);
    }

    /// Removes the task's dependencies (each recorded, so an undo brings them back), then the task.
    public async Task DeleteTaskAsync(PlanTask task, CancellationToken ct)
    {
        var links = await mutation.Db.TaskDependencies
            .Where(d => d.TaskId == task.Id || d.PrerequisiteTaskId == task.Id)
            .OrderBy(d => d.Id).ToListAsync(ct);
        foreach (var link in links) RemoveDependency(link);
        mutation.Db.PlanTasks.Remove(task);
        mutation.Record("task.deleted", task.Id, RowJson.Write(TaskRow.Of(task)), null);
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
        mutation.Db.TaskDependencies.Add(new TaskDependency
        {
            PlanId = mutation.Plan.Id, TaskId = taskId, PrerequisiteTaskId = prerequisiteTaskId, CreatedAt = mutation.Now,
        });
        mutation.Record("dependency.added", taskId, null, RowJson.Write(new DependencyRow(taskId, prerequisiteTaskId)));
    }

    public void RemoveDependency(TaskDependency link)
    {
        mutation.Db.TaskDependencies.Remove(link);
        mutation.Record("dependency.removed", link.TaskId,
            RowJson.Write(new DependencyRow(link.TaskId, link.PrerequisiteTaskId)), null);
    }

    public void RecordPlanCreated() => mutation.Record("plan.created", null, null, RowJson.Write(PlanRow.Of(mutation.Plan)));

    public void UpdatePlan(Action<ActionPlan> change)
    {
        var before = RowJson.Write(PlanRow.Of(mutation.Plan));
        change(mutation.Plan);
        var after = RowJson.Write(PlanRow.Of(mutation.Plan));
        if (before != after) mutation.Record("plan.updated", null, before, after);
    }

    public void RecordMember(string action, MemberRow? before, MemberRow? after) =>
        mutation.Record(action, null, RowJson.Write(before), RowJson.Write(after));
}
