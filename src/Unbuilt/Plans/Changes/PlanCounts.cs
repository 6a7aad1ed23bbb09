using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Changes;

/// action_plans.total_tasks / completed_tasks and today's burn-up snapshot after a change: the counts as of the version
/// the change read, plus each task edit's difference as PlanEditor makes it. The version lock guarantees that nothing
/// else changed the plan's tasks in between, so the counts are exact whatever the change was (an undo, a template's
/// tasks) without counting again at the commit.
public sealed class PlanCounts(StoredCounts read)
{
    private int total = read.Total;
    private int completed = read.Completed;
    private int skipped = read.Skipped;

    /// Whether the user had undone operations when the change began (a new change clears them: their redo stack).
    public bool HasRedo => read.HasRedo;

    /// A task went from <paramref name="before"/> to <paramref name="after"/> (null: it did not exist, or no longer does).
    public void Track(TaskState? before, TaskState? after)
    {
        Count(before, -1);
        Count(after, +1);
    }

    private void Count(TaskState? status, int delta)
    {
        if (status is null) return;
        total += delta;
        if (status == TaskState.Completed) completed += delta;
        if (status == TaskState.Skipped) skipped += delta;
    }

    /// Writes the counts to the plan and to today's snapshot (added if the change's first read found none).
    public void ApplyTo(UnbuiltDbContext db, ActionPlan plan, DateOnly day)
    {
        plan.TotalTasks = total;
        plan.CompletedTasks = completed;
        var snapshot = read.Snapshot ?? db.PlanProgressSnapshots.Add(new PlanProgressSnapshot { PlanId = plan.Id, Day = day }).Entity;
        snapshot.TotalTasks = total;
        snapshot.CompletedTasks = completed;
        snapshot.SkippedTasks = skipped;
    }
}
