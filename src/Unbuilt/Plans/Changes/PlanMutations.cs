using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Flags;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Changes;

/// Either a mutation under way, or the answer that stopped it before any change.
public sealed record Begun(PlanMutation? Mutation, ProblemHttpResult? Problem);

/// Starts every change to a plan the same way: one transaction; the plan row locked by bumping its version (so
/// concurrent changes to one plan queue up, and each gets the next version); membership checked (404 for
/// strangers, 403 for a role that may not); If-Match checked (412 with the current plan); the operation id taken
/// from X-Operation-Id or made up.
public sealed partial class PlanMutations(UnbuiltDbContext db, TimeProvider clock, IPlanChangePublisher publisher, PlanPublishOrder order,
    PlanReader reader)
{
    public const string OperationHeader = "X-Operation-Id";

    public async Task<Begun> ForTaskAsync(HttpContext http, int taskId, MemberRole needed, CancellationToken ct)
    {
        var planId = await db.PlanTasks.Where(t => t.Id == taskId).Select(t => (int?)t.PlanId).FirstOrDefaultAsync(ct);
        if (planId is null) return new Begun(null, PlanAccess.TaskNotFound(taskId));
        var begun = await ForPlanAsync(http, planId.Value, needed, ct);
        // A stranger learns nothing about the task either.
        return begun.Problem?.StatusCode == StatusCodes.Status404NotFound ? new Begun(null, PlanAccess.TaskNotFound(taskId)) : begun;
    }

    public async Task<Begun> ForPlanAsync(HttpContext http, int planId, MemberRole needed, CancellationToken ct)
    {
        if (OperationIdOf(http) is not { } operationId) return new Begun(null, BadOperationId());
        var userId = http.User.UserId();
        var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var locked = await db.ActionPlans.Where(p => p.Id == planId)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version + 1), ct);
            var role = locked == 0 ? null : await PlanAccess.RoleAsync(db, planId, userId, ct);
            if (PlanAccess.Deny(role, needed, planId) is { } denied)
            {
                await transaction.DisposeAsync();
                return new Begun(null, denied);
            }
            var plan = await db.ActionPlans.SingleAsync(p => p.Id == planId, ct);
            if (!PlanETag.Matches(http.Request, plan.Version - 1))
            {
                await transaction.DisposeAsync();
                return new Begun(null, await StaleAsync(http, planId, role!.Value, ct));
            }
            if (await db.PlanOperations.AnyAsync(o => o.PlanId == planId && o.OperationId == operationId, ct))
            {
                await transaction.DisposeAsync();
                return new Begun(null, Problems.Conflict($"Operation id '{operationId}' was already used on this plan; send a new {OperationHeader}."));
            }
            var now = clock.StoredNow();
            plan.UpdatedAt = now;
            return new Begun(new PlanMutation(db, transaction, http, publisher, order, plan, role!.Value, userId, operationId, now), null);
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// For a plan being created: inserts it (version 1) in a new transaction and starts its first operation.
    public async Task<Begun> ForNewPlanAsync(HttpContext http, ActionPlan plan, CancellationToken ct)
    {
        if (OperationIdOf(http) is not { } operationId) return new Begun(null, BadOperationId());
        var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.StoredNow();
        plan.Version = 1;
        plan.CreatedAt = plan.UpdatedAt = now;
        db.ActionPlans.Add(plan);
        try
        {
            await db.SaveChangesAsync(ct); // everything else refers to its id
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
        return new Begun(new PlanMutation(db, transaction, http, publisher, order, plan, MemberRole.Owner, plan.UserId, operationId, now), null);
    }

    public static ProblemHttpResult BadOperationId() =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request has invalid fields",
            detail: "X-Operation-Id must be 1 to 64 letters, digits, '-', '_', '.' or ':'.",
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = new Dictionary<string, string[]> { [OperationHeader] = ["X-Operation-Id must be 1 to 64 letters, digits, '-', '_', '.' or ':'."] },
            });

    private async Task<ProblemHttpResult> StaleAsync(HttpContext http, int planId, MemberRole role, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var current = await reader.PlanAsync(planId, role, ct);
        http.Response.Headers.ETag = PlanETag.For(current!.Version);
        return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The plan has changed",
            detail: $"If-Match names a version the plan is no longer at (it is at version {current.Version}); " +
                "the current plan is in 'current': apply your change to it and send its ETag.",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = current.Version, ["current"] = current });
    }

    private static string? OperationIdOf(HttpContext http)
    {
        var header = http.Request.Headers[OperationHeader].ToString();
        if (header.Length == 0) return Guid.NewGuid().ToString("N");
        return OperationIdPattern().IsMatch(header) ? header : null;
    }

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex OperationIdPattern();
}
