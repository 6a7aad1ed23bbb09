using System.Linq.Expressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Unbuilt.Api;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Access;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Changes;

/// Opens every change to a plan the same way, with one query: the plan (tracked), the caller's role, whether the
/// operation id was used, the plan's counts and, for a change to one task, the task and its prerequisites (for a
/// change to one phase, the phase). Then the
/// checks: membership (404 for strangers, 403 for a role that may not), the If-Match condition (412 with the current
/// plan), the operation id (409 when reused). A refusal is thrown as PlanChangeRefused, before anything is written.
/// What the request says (who, which operation, which condition) comes from PlanChangeRequest, so nothing here reads
/// HTTP. Nothing is locked while reading: the change's first write takes the plan's lock only if the plan is still at
/// the version read here (PlanVersionLock), so concurrent changes to one plan never interleave and the transaction is
/// as short as the writes.
public sealed class PlanChangeOpener(UnbuiltDbContext db, TimeProvider clock, IPlanChangePublisher publisher,
    PlanPublishOrder order, PlanReader reader, PlanChangeRequest request, PlanRowWriter writer)
{
    /// For a change to one task. A stranger learns nothing about the task (404 whether it exists or not).
    public Task<PlanTransaction> ForTaskAsync(int taskId, MemberRole needed, CancellationToken ct) =>
        ForOneAsync(PlanAccess.TaskNotFound(taskId), () => PlanQueries.PlanOfTaskAsync(db, taskId, ct), async day =>
            await TaskWithPlan(db, taskId, request.ActorId, request.OperationId, day, ct) is { Plan: { Role: not null } plan } found
                ? new Found(plan.Plan.Id, plan, found.Task, found.Prerequisites) : null, needed, ct);

    /// For a change to one phase, read with its plan in the same first query. A stranger learns nothing about it.
    public Task<PlanTransaction> ForPhaseAsync(int phaseId, MemberRole needed, CancellationToken ct) =>
        ForOneAsync(PlanAccess.PhaseNotFound(phaseId), () => PlanQueries.PlanOfPhaseAsync(db, phaseId, ct), async day =>
            await PhaseWithPlan(db, phaseId, request.ActorId, request.OperationId, day, ct) is { Plan: { Role: not null } plan } found
                ? new Found(plan.Plan.Id, plan, Phase: found.Phase) : null, needed, ct);

    /// A change to one row of a plan (a task, a phase): <paramref name="read"/> finds it with its plan (null: none, or
    /// the caller is a stranger: <paramref name="notFound"/>); locking first needs its plan's id before anything else
    /// is read (<paramref name="planOf"/>).
    private async Task<PlanTransaction> ForOneAsync(ProblemHttpResult notFound, Func<Task<int?>> planOf,
        Func<DateOnly, Task<Found?>> read, MemberRole needed, CancellationToken ct)
    {
        IDbContextTransaction? transaction = null;
        if (request.LockFirst) transaction = await LockFirstAsync(await planOf() ?? throw new PlanChangeRefused(notFound), ct);
        return await WithinAsync(transaction, async () =>
        {
            var now = clock.StoredNow();
            var found = await read(DateOnly.FromDateTime(now)) ?? throw new PlanChangeRefused(notFound);
            return await StartAsync(found, needed, request.ActorId, now, transaction, ct);
        });
    }

    /// For a change to a plan.
    public async Task<PlanTransaction> ForPlanAsync(int planId, MemberRole needed, CancellationToken ct)
    {
        // After repeated conflicts the request locks first, so a busy plan cannot starve it.
        var transaction = request.LockFirst ? await LockFirstAsync(planId, ct) : null;
        return await WithinAsync(transaction, async () =>
        {
            var now = clock.StoredNow();
            var found = await PlanWithRole(db, planId, request.ActorId, request.OperationId, DateOnly.FromDateTime(now), ct);
            return await StartAsync(new Found(planId, found), needed, request.ActorId, now, transaction, ct);
        });
    }

    /// For joining a plan by invitation (<paramref name="userId"/>, who a sign-up may have only just created): the
    /// joiner is not a member yet, so neither membership nor If-Match is checked (its 412 would show the plan); the
    /// invitation is their access, and the handler checks it. A transaction already open on the context (a sign-up's,
    /// holding the new account) becomes the change's, so the account and its membership commit together or not at all.
    public async Task<PlanTransaction> ForInviteeAsync(int planId, int userId, CancellationToken ct)
    {
        var transaction = request.LockFirst ? await LockFirstAsync(planId, ct) : db.Database.CurrentTransaction;
        return await WithinAsync(transaction, async () =>
        {
            var now = clock.StoredNow();
            var found = await PlanWithRole(db, planId, userId, request.OperationId, DateOnly.FromDateTime(now), ct);
            return await StartAsync(new Found(planId, found), null, userId, now, transaction, ct);
        });
    }

    /// For a plan being created: inserts it (version 1) in a new transaction and starts its first operation.
    public async Task<PlanTransaction> ForNewPlanAsync(ActionPlan plan, CancellationToken ct)
    {
        _ = request.OperationId; // a malformed one refuses the change before anything is written
        var transaction = await db.Database.BeginTransactionAsync(ct);
        return await WithinAsync(transaction, async () =>
        {
            var now = clock.StoredNow();
            plan.Version = 1;
            plan.CreatedAt = plan.UpdatedAt = now;
            db.ActionPlans.Add(plan);
            await db.SaveChangesAsync(ct); // everything else refers to its id
            return new PlanTransaction(new PlanChangeServices(db, publisher, order, request, writer),
                new PlanChangeStart(plan, MemberRole.Owner, plan.UserId, now, null, transaction, new StoredCounts(0, 0, 0, null, false)));
        });
    }

    /// What a change's first query found: the plan (null: none) with the caller's role, whether the operation id was
    /// used and the plan's counts; for a change to one task, the task and its prerequisites.
    private sealed record FoundPlan(ActionPlan Plan, MemberRole? Role, bool Used, StoredCounts Counts);

    private sealed record FoundTask(PlanTask Task, FoundPlan Plan, List<Prerequisite> Prerequisites);

    private sealed record FoundPhase(PlanPhase Phase, FoundPlan Plan);

    private sealed record Found(int PlanId, FoundPlan? Plan, PlanTask? Task = null, List<Prerequisite>? Prerequisites = null,
        PlanPhase? Phase = null);

    /// What every change reads of its plan, given the plan's row and today's snapshot row (if any).
    private static readonly Expression<Func<UnbuiltDbContext, ActionPlan, PlanProgressSnapshot?, int, string, FoundPlan>>
        PlanFacts = (db, p, today, userId, operationId) => new FoundPlan(p,
            PlanAccess.Role.Inline(db, p.Id, userId),
            db.PlanOperations.Any(o => o.PlanId == p.Id && o.OperationId == operationId),
            PlanQueries.Counts.Inline(db, p.Id, userId, today));

    private static readonly Func<UnbuiltDbContext, int, int, string, DateOnly, CancellationToken, Task<FoundTask?>> TaskWithPlan =
        EF.CompileAsyncQuery(QueryFragments.Expand((UnbuiltDbContext db, int taskId, int userId, string operationId, DateOnly day,
            CancellationToken ct) =>
            (from t in db.PlanTasks.Where(t => t.Id == taskId)
             join p in db.ActionPlans on t.PlanId equals p.Id
             // Today's snapshot by a left join on the plan's id (SQLite has no APPLY for a correlated one).
             join s in db.PlanProgressSnapshots.Where(s => s.Day == day) on p.Id equals s.PlanId into today
             from s in today.DefaultIfEmpty()
             select new FoundTask(t, PlanFacts.Inline(db, p, s, userId, operationId), PlanQueries.Prerequisites.Inline(db, t.Id).ToList()))
                .FirstOrDefault()));

    private static readonly Func<UnbuiltDbContext, int, int, string, DateOnly, CancellationToken, Task<FoundPhase?>> PhaseWithPlan =
        EF.CompileAsyncQuery(QueryFragments.Expand((UnbuiltDbContext db, int phaseId, int userId, string operationId, DateOnly day,
            CancellationToken ct) =>
            (from ph in db.PlanPhases.Where(ph => ph.Id == phaseId)
             join p in db.ActionPlans on ph.PlanId equals p.Id
             join s in db.PlanProgressSnapshots.Where(s => s.Day == day) on p.Id equals s.PlanId into today
             from s in today.DefaultIfEmpty()
             select new FoundPhase(ph, PlanFacts.Inline(db, p, s, userId, operationId)))
                .FirstOrDefault()));

    private static readonly Func<UnbuiltDbContext, int, int, string, DateOnly, CancellationToken, Task<FoundPlan?>> PlanWithRole =
        EF.CompileAsyncQuery(QueryFragments.Expand((UnbuiltDbContext db, int planId, int userId, string operationId, DateOnly day,
            CancellationToken ct) =>
            (from p in db.ActionPlans.Where(p => p.Id == planId)
             from s in db.PlanProgressSnapshots.Where(s => s.PlanId == planId && s.Day == day).DefaultIfEmpty()
             select PlanFacts.Inline(db, p, s, userId, operationId))
                .FirstOrDefault()));

    /// The checks every change makes of what it read (membership, If-Match, the operation id), then the change.
    /// <paramref name="needed"/> null: an invitee's change (ForInviteeAsync), which needs the plan to exist only.
    private async Task<PlanTransaction> StartAsync(Found found, MemberRole? needed, int userId, DateTime now,
        IDbContextTransaction? transaction, CancellationToken ct)
    {
        var (plan, role) = (found.Plan?.Plan, found.Plan?.Role);
        var denied = needed is { } need ? PlanAccess.Deny(role, need, found.PlanId)
            : plan is null ? PlanAccess.PlanNotFound(found.PlanId) : null;
        if (denied is not null) throw new PlanChangeRefused(denied);
        if (needed is not null && !PlanETag.Matches(request.IfMatch, plan!.Version))
            throw new PlanChangeRefused(await StaleAsync(plan.Id, role!.Value, ct));
        if (found.Plan!.Used)
            throw new PlanChangeRefused(Problems.Conflict(
                $"Operation id '{request.OperationId}' was already used on this plan; send a new {PlanChangeEndpoints.OperationHeader}."));
        var readVersion = plan!.Version;
        // The change's version (history rows carry it); the first write moves the row to it from the version read.
        plan.Version = readVersion + 1;
        plan.UpdatedAt = now;
        // An invitee has no role yet: they read the plan as a viewer would, once the change has made them a member.
        return new PlanTransaction(new PlanChangeServices(db, publisher, order, request, writer),
            new PlanChangeStart(plan, role ?? MemberRole.Viewer, userId, now, readVersion, transaction, found.Plan.Counts,
                found.Task, found.Prerequisites, found.Phase));
    }

    /// Runs <paramref name="open"/>; if it throws, the transaction begun for it (if any) goes with it.
    private static async Task<T> WithinAsync<T>(IDbContextTransaction? transaction, Func<Task<T>> open)
    {
        try
        {
            return await open();
        }
        catch
        {
            if (transaction is not null) await transaction.DisposeAsync();
            throw;
        }
    }

    /// Takes the plan's lock before reading anything: a no-op update of its row (a row lock on PostgreSQL, the write
    /// lock on SQLite), so the version read next cannot change before this request writes.
    private async Task<IDbContextTransaction> LockFirstAsync(int planId, CancellationToken ct)
    {
        // An invitee's sign-up has its transaction open already (ForInviteeAsync); the lock joins it.
        var transaction = db.Database.CurrentTransaction ?? await db.Database.BeginTransactionAsync(ct);
        return await WithinAsync(transaction, async () =>
        {
            await db.ActionPlans.Where(p => p.Id == planId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Version, p => p.Version), ct);
            return transaction;
        });
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
