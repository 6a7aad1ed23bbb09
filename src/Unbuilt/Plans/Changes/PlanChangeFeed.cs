using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;

namespace Unbuilt.Plans.Changes;

/// <param name="Version">The plan's version now.</param>
/// <param name="HasMore">More changes follow: ask again with since = <paramref name="NextSince"/>.</param>
/// <param name="NextSince">Where to continue: the last change's version, or the `since` asked with when there was none.</param>
public sealed record ChangesResponse(int PlanId, int Version, IReadOnlyList<PlanChange> Changes, bool HasMore, int NextSince);

/// Catch-up: every change after a version, rebuilt from plan_operations and task_history as the same envelopes
/// the live channel carried, in version order. The caller checks that the user may read the plan.
public static class PlanChangeFeed
{
    public const int MaxPage = 200;

    public static async Task<ChangesResponse> LoadAsync(UnbuiltDbContext db, int planId, int since, int limit, CancellationToken ct)
    {
        var version = await VersionAsync(db, planId, ct);
        var operations = await db.PlanOperations.AsNoTracking().Where(o => o.PlanId == planId && o.PlanVersion > since)
            .OrderBy(o => o.PlanVersion).Take(limit + 1).ToListAsync(ct);
        var hasMore = operations.Count > limit;
        if (hasMore) operations.RemoveAt(limit);
        var ids = operations.Select(o => o.OperationId).ToList();
        var rows = (await db.TaskHistory.AsNoTracking().Where(h => h.PlanId == planId && ids.Contains(h.OperationId))
            .OrderBy(h => h.Id).ToListAsync(ct)).ToLookup(h => h.OperationId);
        var changes = operations.Select(o => new PlanChange(planId, o.PlanVersion, o.Type,
            new PlanChangeData(o.Kind, o.TargetOperationId, [.. rows[o.OperationId].Select(RowChange.Of)]),
            o.UserId, o.OperationId, o.CreatedAt)).ToList();
        return new ChangesResponse(planId, version, changes, hasMore, changes.Count > 0 ? changes[^1].Version : since);
    }

    /// Whether more than <paramref name="count"/> changes follow a version: reads at most count + 1 index entries,
    /// not the changes, so asking is cheap however long the history.
    public static Task<bool> MoreThanAsync(UnbuiltDbContext db, int planId, int since, int count, CancellationToken ct) =>
        db.PlanOperations.Where(o => o.PlanId == planId && o.PlanVersion > since)
            .OrderBy(o => o.PlanVersion).Skip(count).AnyAsync(ct);

    public static Task<int> VersionAsync(UnbuiltDbContext db, int planId, CancellationToken ct) =>
        db.ActionPlans.Where(p => p.Id == planId).Select(p => p.Version).FirstOrDefaultAsync(ct);
}
