using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Plans.Access;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Monitoring;
using Unbuilt.Plans.Changes;

namespace Unbuilt.Plans.Api;

public sealed record HistoryEntry(long Id, int Version, string Action, int? TaskId, int UserId, string OperationId,
    bool IsUndo, string? RevertsOperationId, string? Note, JsonElement? Before, JsonElement? After, DateTime Timestamp);

/// The audit trail (newest first, paged by `before`) and catch-up for live clients (every change after a version,
/// as the same envelopes the live channel carries). Both answer at most 200 at a time.
public static class HistoryApi
{
    private const int MaxPage = 200;
    private const int DefaultPage = 50;

    public static void MapHistory(this RouteGroupBuilder plans)
    {
        plans.MapGet("/{planId:int}/history", History).WithOperation("plan_history_loaded", "action_plan.history");
        plans.MapGet("/{planId:int}/changes", Changes).WithOperation("plan_changes_loaded", "action_plan.changes");
    }

    private static async Task<Results<Ok<List<HistoryEntry>>, ProblemHttpResult, ValidationProblem>> History(
        int planId, int? limit, long? before, int? taskId, HttpContext http, UnbuiltDbContext db, CancellationToken ct)
    {
        if (limit is < 1 or > MaxPage) return new FieldErrors().Add("limit", $"limit must be 1 to {MaxPage}.").ToProblem();
        var role = await PlanAccess.RoleAsync(db, planId, http.User.UserId(), ct);
        if (PlanAccess.Deny(role, MemberRole.Viewer, planId) is { } denied) return denied;
        var page = limit ?? DefaultPage;
        var rows = await db.TaskHistory.AsNoTracking()
            .Where(h => h.PlanId == planId && (before == null || h.Id < before) && (taskId == null || h.TaskId == taskId))
            .OrderByDescending(h => h.Id).Take(page + 1).ToListAsync(ct);
        if (rows.Count > page)
        {
            rows.RemoveAt(page);
            // The body stays the array clients already read (an entry's id is the cursor); the next page is a link.
            http.Response.Headers.Link = NextLink(http.Request, page, rows[^1].Id, taskId);
        }
        return TypedResults.Ok(rows.Select(h => new HistoryEntry(h.Id, h.PlanVersion, h.Action, h.TaskId, h.UserId,
            h.OperationId, h.IsUndo, h.RevertsOperationId, h.Note, RowJson.Element(h.PreviousState),
            RowJson.Element(h.NewState), h.Timestamp)).ToList());
    }

    private static async Task<Results<Ok<ChangesResponse>, ProblemHttpResult, ValidationProblem>> Changes(
        int planId, int? since, int? limit, HttpContext http, UnbuiltDbContext db, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (since is null or < 0) errors.Add("since", "since must be a plan version (0 or more).");
        if (limit is < 1 or > PlanChangeFeed.MaxPage) errors.Add("limit", $"limit must be 1 to {PlanChangeFeed.MaxPage}.");
        if (errors.Any) return errors.ToProblem();
        var role = await PlanAccess.RoleAsync(db, planId, http.User.UserId(), ct);
        if (PlanAccess.Deny(role, MemberRole.Viewer, planId) is { } denied) return denied;
        return TypedResults.Ok(await PlanChangeFeed.LoadAsync(db, planId, since!.Value, limit ?? PlanChangeFeed.MaxPage, ct));
    }

    /// RFC 8288: the page after the entry <paramref name="last"/>, of the same size and for the same task.
    private static string NextLink(HttpRequest request, int limit, long last, int? taskId) =>
        $"<{request.PathBase}{request.Path}?limit={limit}&before={last}{(taskId is { } id ? $"&taskId={id}" : "")}>; rel=\"next\"";
}
