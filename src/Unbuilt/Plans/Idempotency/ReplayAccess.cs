using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Plans.Access;
using Unbuilt.Plans.Reading;
using Unbuilt.Accounts;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Idempotency;

namespace Unbuilt.Plans.Idempotency;

/// Endpoint metadata: the role on the route's plan a write needs, when it is not an editor's.
public sealed record PlanRoleNeeded(Func<HttpContext, MemberRole> Needed);

/// A stored answer is replayed only to a caller who could still make the request: access can be taken away within
/// the 24 h a record lives, and a replay must not keep showing a plan to someone removed from it (or demoted). The
/// check is the handler's own (PlanAccess.Deny on the route's plan), so a refused replay answers exactly as the
/// handler would now. It runs only when a record was found for the key, so a request without one pays nothing.
public static class ReplayAccess
{
    public static TBuilder NeedsPlanRole<TBuilder>(this TBuilder builder, MemberRole role) where TBuilder : IEndpointConventionBuilder =>
        builder.NeedsPlanRole(_ => role);

    public static TBuilder NeedsPlanRole<TBuilder>(this TBuilder builder, Func<HttpContext, MemberRole> role)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new PlanRoleNeeded(role));

    /// Null when the caller may see the stored answer again; otherwise the answer the handler would give now.
    public static async Task<ProblemHttpResult?> DenyAsync(HttpContext http, UnbuiltDbContext db, CancellationToken ct)
    {
        // Every write under /api/plans and /api/tasks needs an editor unless its endpoint says otherwise.
        var needed = http.GetEndpoint()?.Metadata.GetMetadata<PlanRoleNeeded>()?.Needed(http) ?? MemberRole.Editor;
        var userId = http.User.UserId();
        if (RouteInt(http, "planId") is { } planId)
            return PlanAccess.Deny(await PlanAccess.RoleAsync(db, planId, userId, ct), needed, planId);
        if (RouteInt(http, "taskId") is not { } taskId) return null; // no plan yet (creation) or not a plan's route (search)

        var taskPlan = await PlanOfTaskAsync(db, taskId, ct);
        var role = taskPlan is null ? null : await PlanAccess.RoleAsync(db, taskPlan.Value, userId, ct);
        // As ForTaskAsync: a stranger learns nothing about the task.
        return PlanAccess.Deny(role, needed, taskPlan ?? 0) is { } denied
            ? denied.StatusCode == StatusCodes.Status404NotFound ? PlanAccess.TaskNotFound(taskId) : denied
            : null;
    }

    public static int? RouteInt(HttpContext http, string name) =>
        int.TryParse(http.Request.RouteValues[name]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value : null;

    /// The task's plan; for a task deleted since (a retried DELETE), the plan its history names.
    private static async Task<int?> PlanOfTaskAsync(UnbuiltDbContext db, int taskId, CancellationToken ct) =>
        await PlanQueries.PlanOfTaskAsync(db, taskId, ct)
        ?? await db.TaskHistory.Where(h => h.TaskId == taskId).Select(h => (int?)h.PlanId).FirstOrDefaultAsync(ct);
}

/// The check above as Idempotency/IReplayAccess asks it, registered by PlansSetup.
public sealed class PlanReplayAccess(UnbuiltDbContext db) : IReplayAccess
{
    public async Task<IResult?> DenyAsync(HttpContext http, CancellationToken ct) => await ReplayAccess.DenyAsync(http, db, ct);
}
