using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
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
/// as the same envelopes the live channel carries).
public static class HistoryApi
{
    private const int MaxPage = 200;

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
        var rows = await db.TaskHistory.AsNoTracking()
            .Where(h => h.PlanId == planId && (before == null || h.Id < before) && (taskId == null || h.TaskId == taskId))
            .OrderByDescending(h => h.Id).Take(limit ?? 50).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(h => new HistoryEntry(h.Id, h.PlanVersion, h.Action, h.TaskId, h.UserId,
            h.OperationId, h.IsUndo, h.RevertsOperationId, h.Note, RowJson.Element(h.PreviousState),
            RowJson.Element(h.NewState), h.Timestamp)).ToList());
    }

    private static async Task<Results<Ok<ChangesResponse>, ProblemHttpResult, ValidationProblem>> Changes(
        int planId, int? since, HttpContext http, UnbuiltDbContext db, CancellationToken ct)
    {
        if (since is null or < 0) return new FieldErrors().Add("since", "since must be a plan version (0 or more).").ToProblem();
        var role = await PlanAccess.RoleAsync(db, planId, http.User.UserId(), ct);
        if (PlanAccess.Deny(role, MemberRole.Viewer, planId) is { } denied) return denied;
        return TypedResults.Ok(await PlanChangeFeed.LoadAsync(db, planId, since.Value, PlanChangeFeed.MaxPage, ct));
    }
}
