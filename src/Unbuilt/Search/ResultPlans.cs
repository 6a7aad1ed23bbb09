using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;
using Unbuilt.Data.Plans;

namespace Unbuilt.Search;

/// Which search results the user already made a plan from, so a result can open that plan instead of offering a
/// second. It reads action_plans through the DbContext rather than through Plans' code: Plans builds on Search, so
/// Search using Plans would make the two folders a cycle.
internal static class ResultPlans
{
    /// Result id → the user's plan from it: the active one if any, else the newest. One query for the whole list.
    public static async Task<IReadOnlyDictionary<int, int>> ForAsync(UnbuiltDbContext db, int userId,
        IReadOnlyCollection<int> resultIds, CancellationToken ct)
    {
        if (resultIds.Count == 0) return new Dictionary<int, int>();
        var plans = await db.ActionPlans.AsNoTracking()
            .Where(p => p.UserId == userId && p.SearchResultId != null && resultIds.Contains(p.SearchResultId.Value))
            .Select(p => new { ResultId = p.SearchResultId!.Value, p.Id, Active = p.Status == PlanStatus.Active })
            .ToListAsync(ct);
        return plans.GroupBy(p => p.ResultId).ToDictionary(g => g.Key,
            g => g.OrderByDescending(p => p.Active).ThenByDescending(p => p.Id).First().Id);
    }
}
