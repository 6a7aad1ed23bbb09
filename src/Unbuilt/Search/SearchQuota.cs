using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Search;

/// The free tier's allowance: 5 searches per calendar month (UTC); pro and enterprise are unlimited.
public static class SearchQuota
{
    public const int FreeMonthlySearches = 5;

    public static DateTime MonthStart(DateTime now) => new(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DateTime NextReset(DateTime now) => MonthStart(now).AddMonths(1);

    /// Null when the user may search now; otherwise the 429 answer (Retry-After set).
    public static async Task<(SearchQuotaResponse? Quota, ProblemHttpResult? Exceeded)> CheckAsync(
        HttpContext http, UnbuiltDbContext db, int userId, Tier tier, DateTime now, CancellationToken ct)
    {
        if (tier != Tier.Free) return (null, null);
        var since = MonthStart(now);
        var used = await db.Searches.CountAsync(s => s.UserId == userId && s.CreatedAt >= since, ct);
        var resets = NextReset(now);
        if (used < FreeMonthlySearches) return (new SearchQuotaResponse(FreeMonthlySearches, used + 1, FreeMonthlySearches - used - 1, resets), null);

        http.Response.Headers.RetryAfter = ((int)Math.Ceiling((resets - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return (null, TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Search limit reached",
            detail: $"The free plan includes {FreeMonthlySearches} searches per calendar month and you have used them; " +
                $"your searches reset on {resets:yyyy-MM-dd} at 00:00 UTC. Upgrade to Pro for unlimited searches.",
            extensions: new Dictionary<string, object?>
            {
                ["limit"] = FreeMonthlySearches, ["used"] = used, ["resetsAt"] = resets,
            }));
    }
}
