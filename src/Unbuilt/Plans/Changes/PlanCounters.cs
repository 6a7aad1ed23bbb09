using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Changes;

/// action_plans.total_tasks / completed_tasks and today's burn-up snapshot, counted for every change so they are
/// exact whatever the change was (an undo, a cascade): the plan's tasks by status as stored, plus the change's own
/// task edits not written yet. Counting before the change takes its lock keeps the lock short; the lock's version
/// check guarantees the stored counts are still those of the version the change started from.
public static class PlanCounters
{
    public static async Task<PlanCount> CountAsync(UnbuiltDbContext db, ActionPlan plan, DateTime now, CancellationToken ct)
    {
        var stored = new Dictionary<TaskState, int>();
        await foreach (var (status, count) in ByStatus(db, plan.Id).WithCancellation(ct)) stored[status] = count;
        foreach (var entry in db.ChangeTracker.Entries<PlanTask>())
        {
            if (entry.State is EntityState.Deleted or EntityState.Modified)
                Add(stored, entry.Property(t => t.Status).OriginalValue, -1);
            if (entry.State is EntityState.Added or EntityState.Modified)
                Add(stored, entry.Entity.Status, +1);
        }
        var day = DateOnly.FromDateTime(now);
        var snapshot = await SnapshotOf(db, plan.Id, day, ct);
        return new PlanCount(stored, day, snapshot);
    }

    // Compiled: every change runs these.
    private static readonly Func<UnbuiltDbContext, int, IAsyncEnumerable<StatusCount>> ByStatus =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId) =>
            db.PlanTasks.Where(t => t.PlanId == planId).GroupBy(t => t.Status).Select(g => new StatusCount(g.Key, g.Count())));

    private static readonly Func<UnbuiltDbContext, int, DateOnly, CancellationToken, Task<PlanProgressSnapshot?>> SnapshotOf =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId, DateOnly day, CancellationToken ct) =>
            db.PlanProgressSnapshots.FirstOrDefault(s => s.PlanId == planId && s.Day == day));

    private sealed record StatusCount(TaskState Status, int Count);

    private static void Add(Dictionary<TaskState, int> counts, TaskState status, int delta) =>
        counts[status] = counts.GetValueOrDefault(status) + delta;
}

/// Tasks by status after a change, and today's snapshot row if there is one yet.
public sealed record PlanCount(IReadOnlyDictionary<TaskState, int> ByStatus, DateOnly Day, PlanProgressSnapshot? Snapshot)
{
    /// Writes the counts to the plan and to today's snapshot (added if missing).
    public void ApplyTo(UnbuiltDbContext db, ActionPlan plan)
    {
        plan.TotalTasks = ByStatus.Values.Sum();
        plan.CompletedTasks = ByStatus.GetValueOrDefault(TaskState.Completed);
        var snapshot = Snapshot ?? db.PlanProgressSnapshots.Add(new PlanProgressSnapshot { PlanId = plan.Id, Day = Day }).Entity;
        snapshot.TotalTasks = plan.TotalTasks;
        snapshot.CompletedTasks = plan.CompletedTasks;
        snapshot.SkippedTasks = ByStatus.GetValueOrDefault(TaskState.Skipped);
    }
}
