using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.FlagEngine;
using Unbuilt.Flags;

namespace Unbuilt.Rollout;

/// Who uses what over a window: for each flag, the active users it is on for; and the guide's engagement numbers
/// for action plans (users who created one, plans, tasks per plan, task completion).
public sealed class Adoption(UnbuiltDbContext db, FlagSnapshotStore flags, TimeProvider clock)
{
    /// Active users are those with a named operation or a successful audited action (a login, say) in the window.
    public async Task<List<FeatureAdoption>> ByFeatureAsync(DateTime since, CancellationToken ct)
    {
        var active = await db.Users.AsNoTracking()
            .Where(u => db.AnalyticsEvents.Any(e => e.UserId == u.Id && e.Timestamp >= since)
                        || db.SecurityAuditLogs.Any(l => l.UserId == u.Id && l.Success && l.Timestamp >= since))
            .Select(u => new { u.Id, u.Tier, u.Email, u.EmailTrusted, u.CreatedAt }).ToListAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var callers = active.Select(u => FlagCallers.For(u.Id, u.Tier, u.Email, u.EmailTrusted, u.CreatedAt, now)).ToList();
        return [.. flags.Current.Flags.Select(flag =>
        {
            var on = callers.Count(caller => FlagEvaluator.Evaluate(flag, caller).Enabled);
            return new FeatureAdoption(flag.Name, flag.Enabled, flag.RolloutPercentage, callers.Count, on,
                callers.Count == 0 ? 0 : Math.Round(100.0 * on / callers.Count, 3));
        })];
    }

    /// The guide's "feature adoption" and "task completion rate" queries, over the window.
    public async Task<PlanEngagement> PlansAsync(DateTime since, CancellationToken ct)
    {
        var plans = db.ActionPlans.AsNoTracking().Where(p => p.CreatedAt >= since);
        var planCount = await plans.CountAsync(ct);
        var users = await plans.Select(p => p.UserId).Distinct().CountAsync(ct);
        var planTasks = planCount == 0 ? 0 : await plans.SumAsync(p => (long)p.TotalTasks, ct);
        var tasks = db.PlanTasks.AsNoTracking().Where(t => t.CreatedAt >= since);
        var taskCount = await tasks.CountAsync(ct);
        var completed = await tasks.CountAsync(t => t.Status == TaskState.Completed, ct);
        return new PlanEngagement(users, planCount, planCount == 0 ? null : Math.Round((double)planTasks / planCount, 2),
            taskCount, completed, taskCount == 0 ? null : Math.Round(100.0 * completed / taskCount, 3));
    }
}

/// Of the active users in the window, how many the flag is on for (adoptionRatePercent = usersWithFeature ÷ activeUsers).
public sealed record FeatureAdoption(string Flag, bool Enabled, int RolloutPercentage, int ActiveUsers,
    int UsersWithFeature, double AdoptionRatePercent);

/// Plans created in the window: by how many users, how many, average tasks per plan; tasks created in the window
/// and the percentage completed.
public sealed record PlanEngagement(int UsersWithPlans, int Plans, double? AvgTasksPerPlan, int Tasks,
    int CompletedTasks, double? TaskCompletionRatePercent);
