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
/// Every commit writes today's snapshot, so a change's first read (before it writes anything) takes the stored
/// counts from that row when there is one and counts the tasks only for the plan's first change of the day: three
/// counts over a 120-task plan were most of that read's work on PostgreSQL. After a change has written (SaveAsync),
/// the snapshot no longer matches the rows it sees, so CountAsync always counts.
public static class PlanCounters
{
    /// Counts with a query of their own (a change whose start did not read them, or that has written since).
    public static async Task<PlanCount> CountAsync(UnbuiltDbContext db, ActionPlan plan, int userId, DateTime now, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(now);
        var stored = await StoredOf(db, plan.Id, day, userId, ct) ?? throw new PlanChangedException(plan.Id);
        return Count(db, stored, day);
    }

    /// The stored counts plus the change's own task edits not written yet.
    public static PlanCount Count(UnbuiltDbContext db, StoredCounts stored, DateOnly day)
    {
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

    // One round trip, compiled: every change runs it unless its first read took the counts along (PlanMutations).
    private static readonly Func<UnbuiltDbContext, int, DateOnly, int, CancellationToken, Task<StoredCounts?>> StoredOf =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId, DateOnly day, int userId, CancellationToken ct) =>
            (from p in db.ActionPlans.Where(p => p.Id == planId)
             // A left join rather than a subquery: SQLite has no APPLY.
             from s in db.PlanProgressSnapshots.Where(s => s.PlanId == planId && s.Day == day).DefaultIfEmpty()
             select new StoredCounts(
                 db.PlanTasks.Count(t => t.PlanId == planId),
                 db.PlanTasks.Count(t => t.PlanId == planId && t.Status == TaskState.Completed),
                 db.PlanTasks.Count(t => t.PlanId == planId && t.Status == TaskState.Skipped),
                 s,
                 db.PlanOperations.Any(o => o.PlanId == planId && o.UserId == userId && o.Kind == OperationKind.Undo && !o.Undone)))
                .FirstOrDefault());
}

/// A plan's task counts as stored, today's snapshot row (tracked) if there is one yet, and whether the user has undone
/// operations a new change would clear (their redo stack).
public sealed record StoredCounts(int Total, int Completed, int Skipped, PlanProgressSnapshot? Snapshot, bool HasRedo);

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
