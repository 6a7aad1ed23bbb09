using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Changes;

/// action_plans.total_tasks / completed_tasks and today's burn-up snapshot, counted for every change so they are
/// exact whatever the change was (an undo, a cascade): the plan's tasks as stored, plus the change's own task edits
/// not written yet. Counting before the change takes its lock keeps the lock short; the lock's version check
/// guarantees the stored counts are still those of the version the change started from. The same query says whether
/// the user has undone operations a new change would clear (their redo stack), so that list is read only when it
/// has something in it.
public static class PlanCounters
{
    public static async Task<PlanCount> CountAsync(UnbuiltDbContext db, ActionPlan plan, int userId, DateTime now, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(now);
        var stored = await StoredOf(db, plan.Id, day, userId, ct) ?? throw new PlanChangedException(plan.Id);
        var (total, completed, skipped) = (stored.Total, stored.Completed, stored.Skipped);
        foreach (var entry in db.ChangeTracker.Entries<PlanTask>())
        {
            if (entry.State is EntityState.Deleted or EntityState.Modified) Count(entry.Property(t => t.Status).OriginalValue, -1);
            if (entry.State is EntityState.Added or EntityState.Modified) Count(entry.Entity.Status, +1);
        }
        return new PlanCount(total, completed, skipped, day, stored.Snapshot, stored.HasRedo);

        void Count(TaskState status, int delta)
        {
            total += delta;
            if (status == TaskState.Completed) completed += delta;
            if (status == TaskState.Skipped) skipped += delta;
        }
    }

    private sealed record Stored(int Total, int Completed, int Skipped, PlanProgressSnapshot? Snapshot, bool HasRedo);

    // One round trip, compiled: every change runs it.
    private static readonly Func<UnbuiltDbContext, int, DateOnly, int, CancellationToken, Task<Stored?>> StoredOf =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId, DateOnly day, int userId, CancellationToken ct) =>
            (from p in db.ActionPlans.Where(p => p.Id == planId)
             // A left join rather than a subquery: SQLite has no APPLY.
             from s in db.PlanProgressSnapshots.Where(s => s.PlanId == planId && s.Day == day).DefaultIfEmpty()
             select new Stored(
                 db.PlanTasks.Count(t => t.PlanId == planId),
                 db.PlanTasks.Count(t => t.PlanId == planId && t.Status == TaskState.Completed),
                 db.PlanTasks.Count(t => t.PlanId == planId && t.Status == TaskState.Skipped),
                 s,
                 db.PlanOperations.Any(o => o.PlanId == planId && o.UserId == userId && o.Kind == OperationKind.Undo && !o.Undone)))
                .FirstOrDefault());
}

/// Task counts after a change, today's snapshot row if there is one yet, and whether the user has a redo stack.
public sealed record PlanCount(int Total, int Completed, int Skipped, DateOnly Day, PlanProgressSnapshot? Snapshot, bool HasRedo)
{
    /// Writes the counts to the plan and to today's snapshot (added if missing).
    public void ApplyTo(UnbuiltDbContext db, ActionPlan plan)
    {
        plan.TotalTasks = Total;
        plan.CompletedTasks = Completed;
        var snapshot = Snapshot ?? db.PlanProgressSnapshots.Add(new PlanProgressSnapshot { PlanId = plan.Id, Day = Day }).Entity;
        snapshot.TotalTasks = Total;
        snapshot.CompletedTasks = Completed;
        snapshot.SkippedTasks = Skipped;
    }
}
