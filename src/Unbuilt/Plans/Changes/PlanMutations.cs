using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Unbuilt.Accounts;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Flags;
using Unbuilt.Plans.Reading;
using Unbuilt.Plans.Tasks;

namespace Unbuilt.Plans.Changes;

/// Starts every change to a plan the same way: membership checked (404 for strangers, 403 for a role that may not);
/// the If-Match condition checked (412 with the current plan); the operation id the request sent, or one made up. A
/// refusal is thrown as PlanChangeRefused, before anything is written. What the request says (who, which operation,
/// which condition) comes from PlanChangeRequest, so nothing here reads HTTP. The plan's
/// lock is taken at the change's first write (PlanMutation.SaveAsync), by moving the plan to the next version only
/// if it is still at the version read here, so each change gets the next version and concurrent changes to one
/// plan never interleave; the transaction is as short as the writes.
public sealed class PlanMutations(UnbuiltDbContext db, TimeProvider clock, IPlanChangePublisher publisher, PlanPublishOrder order,
    PlanReader reader, PlanChangeRequest request)
{
    /// For a change to one task: the task and its plan (both tracked), the caller's role, the operation-id check, the
    /// plan's counts and the task's prerequisites in one query; PlanMutation.TaskAsync, .Prerequisites and the commit's
    /// counts then answer from it. A stranger learns nothing about the task (404 either way).
    public async Task<PlanMutation> ForTaskAsync(int taskId, MemberRole needed, CancellationToken ct)
    {
        if (request.LockFirst)
        {
            // Locking first needs the plan's id before anything else is read.
            var planId = await db.PlanTasks.Where(t => t.Id == taskId).Select(t => (int?)t.PlanId).FirstOrDefaultAsync(ct)
                ?? throw new PlanChangeRefused(PlanAccess.TaskNotFound(taskId));
            try
            {
                return await ForPlanAsync(planId, needed, ct);
            }
            catch (PlanChangeRefused refused) when (refused.Problem.StatusCode == StatusCodes.Status404NotFound)
            {
                throw new PlanChangeRefused(PlanAccess.TaskNotFound(taskId));
            }
        }
        var operationId = request.OperationId;
        var userId = request.ActorId;
        var now = clock.StoredNow();
        var found = await TaskWithPlan(db, taskId, userId, operationId, DateOnly.FromDateTime(now), ct);
        if (found is null || PlanAccess.Deny(found.Role, needed, found.Plan.Id) is { StatusCode: StatusCodes.Status404NotFound })
            throw new PlanChangeRefused(PlanAccess.TaskNotFound(taskId));
        return await StartAsync(new Found(found.Plan, found.Role, found.Used, found.Counts, found.Prerequisites), found.Plan.Id,
            needed, userId, now, null, ct);
    }

    private sealed record FoundTask(PlanTask Task, ActionPlan Plan, MemberRole? Role, bool Used, StoredCounts Counts,
        List<Prerequisite> Prerequisites);

    private static readonly Func<UnbuiltDbContext, int, int, string, DateOnly, CancellationToken, Task<FoundTask?>> TaskWithPlan =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int taskId, int userId, string operationId, DateOnly day, CancellationToken ct) =>
            (from t in db.PlanTasks.Where(t => t.Id == taskId)
             join p in db.ActionPlans on t.PlanId equals p.Id
             // Today's snapshot by a left join on the plan's id (SQLite has no APPLY for a correlated one).
             join s in db.PlanProgressSnapshots.Where(s => s.Day == day) on p.Id equals s.PlanId into today
             from s in today.DefaultIfEmpty()
             select new FoundTask(t, p,
                 db.PlanMembers.Where(m => m.PlanId == p.Id && m.UserId == userId).Select(m => (MemberRole?)m.Role).FirstOrDefault(),
                 db.PlanOperations.Any(o => o.PlanId == p.Id && o.OperationId == operationId),
                 // Today's snapshot holds the counts as of the last commit (PlanCounters); only its first change of the day counts.
                 new StoredCounts(
                     s != null ? s.TotalTasks : db.PlanTasks.Count(x => x.PlanId == p.Id),
                     s != null ? s.CompletedTasks : db.PlanTasks.Count(x => x.PlanId == p.Id && x.Status == TaskState.Completed),
                     s != null ? s.SkippedTasks : db.PlanTasks.Count(x => x.PlanId == p.Id && x.Status == TaskState.Skipped),
                     s,
                     db.PlanOperations.Any(o => o.PlanId == p.Id && o.UserId == userId && o.Kind == OperationKind.Undo && !o.Undone)),
                 db.TaskDependencies.Where(d => d.TaskId == t.Id)
                     .Join(db.PlanTasks, d => d.PrerequisiteTaskId, x => x.Id, (d, x) => x)
                     .OrderBy(x => x.Id).Select(x => new Prerequisite(x.Id, x.Title, x.Status)).ToList()))
                .FirstOrDefault());

    /// For a change to a plan. <paramref name="savesFirst"/>: the change writes before it commits (a new task needs
    /// its id, an undo its reverted rows), so counts read now would be stale by the commit and are not read.
    public async Task<PlanMutation> ForPlanAsync(int planId, MemberRole needed, CancellationToken ct, bool savesFirst = false)
    {
        var operationId = request.OperationId;
        var userId = request.ActorId;
        // Normally nothing is locked yet: the reads below and the handler's own are checked at the first write, which
        // takes the plan's lock only if its version is still the one read here (PlanChangeEndpoints retries otherwise).
        // After repeated conflicts the request locks first, so a busy plan cannot starve it.
        var transaction = request.LockFirst ? await LockFirstAsync(planId, ct) : null;
        try
        {
            // One query: the plan (tracked), the caller's role, whether the operation id was used, and its counts.
            var now = clock.StoredNow();
            var found = savesFirst
                ? await PlanWithRoleOnly(db, planId, userId, operationId, ct)
                : await PlanWithRole(db, planId, userId, operationId, DateOnly.FromDateTime(now), ct);
            return await StartAsync(Found.Of(found), planId, needed, userId, now, transaction, ct);
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            throw;
        }
    }

    /// For joining a plan by invitation (<paramref name="userId"/>, who a sign-up has only just created): the joiner is
    /// not a member yet, so neither membership nor If-Match is checked (its 412 would show the plan); the invitation is
    /// their access, and the handler checks it. A transaction already open on the context (a sign-up's, holding the new
    /// account) becomes the change's, so the account and its membership commit together or not at all.
    public async Task<PlanMutation> ForInviteeAsync(int planId, int userId, CancellationToken ct)
    {
        var operationId = request.OperationId;
        var transaction = request.LockFirst ? await LockFirstAsync(planId, ct) : db.Database.CurrentTransaction;
        try
        {
            var now = clock.StoredNow();
            var found = await PlanWithRole(db, planId, userId, operationId, DateOnly.FromDateTime(now), ct);
            return await StartAsync(Found.Of(found), planId, null, userId, now, transaction, ct);
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            throw;
        }
    }

    private sealed record FoundPlan(ActionPlan Plan, MemberRole? Role, bool Used, StoredCounts? Counts);

    /// What a change's first query found: the plan (null: none), the caller's role, whether the operation id was used,
    /// and what it took along for later (the counts, a task's prerequisites).
    private sealed record Found(ActionPlan? Plan, MemberRole? Role, bool Used, StoredCounts? Counts, List<Prerequisite>? Prerequisites)
    {
        public static Found Of(FoundPlan? plan) => new(plan?.Plan, plan?.Role, plan?.Used ?? false, plan?.Counts, null);
    }

    private static readonly Func<UnbuiltDbContext, int, int, string, DateOnly, CancellationToken, Task<FoundPlan?>> PlanWithRole =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId, int userId, string operationId, DateOnly day, CancellationToken ct) =>
            (from p in db.ActionPlans.Where(p => p.Id == planId)
             from s in db.PlanProgressSnapshots.Where(s => s.PlanId == planId && s.Day == day).DefaultIfEmpty()
             select new FoundPlan(p,
                 db.PlanMembers.Where(m => m.PlanId == p.Id && m.UserId == userId).Select(m => (MemberRole?)m.Role).FirstOrDefault(),
                 db.PlanOperations.Any(o => o.PlanId == p.Id && o.OperationId == operationId),
                 new StoredCounts(
                     s != null ? s.TotalTasks : db.PlanTasks.Count(x => x.PlanId == planId),
                     s != null ? s.CompletedTasks : db.PlanTasks.Count(x => x.PlanId == planId && x.Status == TaskState.Completed),
                     s != null ? s.SkippedTasks : db.PlanTasks.Count(x => x.PlanId == planId && x.Status == TaskState.Skipped),
                     s,
                     db.PlanOperations.Any(o => o.PlanId == planId && o.UserId == userId && o.Kind == OperationKind.Undo && !o.Undone))))
                .FirstOrDefault());

    private static readonly Func<UnbuiltDbContext, int, int, string, CancellationToken, Task<FoundPlan?>> PlanWithRoleOnly =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId, int userId, string operationId, CancellationToken ct) =>
            db.ActionPlans.Where(p => p.Id == planId).Select(p => new FoundPlan(p,
                db.PlanMembers.Where(m => m.PlanId == p.Id && m.UserId == userId).Select(m => (MemberRole?)m.Role).FirstOrDefault(),
                db.PlanOperations.Any(o => o.PlanId == p.Id && o.OperationId == operationId),
                null))
                .FirstOrDefault());

    /// The checks every change makes of what it read (membership, If-Match, the operation id), then the mutation.
    /// <paramref name="needed"/> null: an invitee's change (ForInviteeAsync), which needs the plan to exist only.
    private async Task<PlanMutation> StartAsync(Found found, int planId, MemberRole? needed, int userId, DateTime now,
        IDbContextTransaction? transaction, CancellationToken ct)
    {
        var plan = found.Plan;
        var denied = needed is { } need ? PlanAccess.Deny(found.Role, need, planId) : plan is null ? PlanAccess.PlanNotFound(planId) : null;
        if (denied is not null) throw new PlanChangeRefused(denied);
        if (needed is not null && !PlanETag.Matches(request.IfMatch, plan!.Version))
            throw new PlanChangeRefused(await StaleAsync(planId, found.Role!.Value, ct));
        if (found.Used)
            throw new PlanChangeRefused(Problems.Conflict(
                $"Operation id '{request.OperationId}' was already used on this plan; send a new {PlanChangeEndpoints.OperationHeader}."));
        var readVersion = plan!.Version;
        // The change's version (history rows carry it); the first write moves the row to it from the version read.
        plan.Version = readVersion + 1;
        plan.UpdatedAt = now;
        // An invitee has no role yet: they read the plan as a viewer would, once the change has made them a member.
        return new PlanMutation(new PlanChangeServices(db, publisher, order, request),
            new PlanChangeStart(plan, found.Role ?? MemberRole.Viewer, userId, now, readVersion, transaction, found.Counts,
                found.Prerequisites));
    }

    /// Takes the plan's lock before reading anything: a no-op update of its row (a row lock on PostgreSQL, the write
    /// lock on SQLite), so the version read next cannot change before this request writes.
    private async Task<IDbContextTransaction> LockFirstAsync(int planId, CancellationToken ct)
    {
        // An invitee's sign-up has its transaction open already (ForInviteeAsync); the lock joins it.
        var transaction = db.Database.CurrentTransaction ?? await db.Database.BeginTransactionAsync(ct);
        try
        {
            await db.ActionPlans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version), ct);
            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }

    /// For a plan being created: inserts it (version 1) in a new transaction and starts its first operation.
    public async Task<PlanMutation> ForNewPlanAsync(ActionPlan plan, CancellationToken ct)
    {
        _ = request.OperationId; // a malformed one refuses the change before anything is written
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
        return new PlanMutation(new PlanChangeServices(db, publisher, order, request),
            new PlanChangeStart(plan, MemberRole.Owner, plan.UserId, now, null, transaction));
    }

    private async Task<ProblemHttpResult> StaleAsync(int planId, MemberRole role, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var current = await reader.PlanAsync(planId, role, ct);
        request.AnswerVersion = current!.Version;
        return TypedResults.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "The plan has changed",
            detail: $"If-Match names a version the plan is no longer at (it is at version {current.Version}); " +
                "the current plan is in 'current': apply your change to it and send its ETag.",
            extensions: new Dictionary<string, object?> { ["currentVersion"] = current.Version, ["current"] = current });
    }
}
