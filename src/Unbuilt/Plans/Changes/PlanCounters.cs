using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Changes;

/// action_plans.total_tasks / completed_tasks and today's burn-up snapshot, recounted from the tasks inside the
/// transaction of every change, so they are exact whatever the change was (an undo, a cascade).
public static class PlanCounters
{
    public static async Task RecountAsync(UnbuiltDbContext db, ActionPlan plan, DateTime now, CancellationToken ct)
    {
        var counts = await db.PlanTasks.Where(t => t.PlanId == plan.Id).GroupBy(t => t.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(ct);
        int Count(TaskState status) => counts.Where(c => c.Status == status).Sum(c => c.Count);
        plan.TotalTasks = counts.Sum(c => c.Count);
        plan.CompletedTasks = Count(TaskState.Completed);

        var day = DateOnly.FromDateTime(now);
        var snapshot = await db.PlanProgressSnapshots.FirstOrDefaultAsync(s => s.PlanId == plan.Id && s.Day == day, ct);
        if (snapshot is null) db.PlanProgressSnapshots.Add(snapshot = new PlanProgressSnapshot { PlanId = plan.Id, Day = day });
        snapshot.TotalTasks = plan.TotalTasks;
        snapshot.CompletedTasks = plan.CompletedTasks;
        snapshot.SkippedTasks = Count(TaskState.Skipped);
    }
}
