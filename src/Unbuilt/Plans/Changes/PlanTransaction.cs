using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Plans.Changes;

/// What every change uses: the database, where committed changes go (in plan order), and the request it serves.
public sealed record PlanChangeServices(UnbuiltDbContext Db, IPlanChangePublisher Publisher, PlanPublishOrder Order,
    PlanChangeRequest Request, PlanRowWriter Writer);

/// How a change starts: the plan (tracked, already moved to its new version), the caller's role, who acts and when;
/// the version its reads saw (null when the lock is held already); the transaction if one is begun already (a new
/// plan, a request that locked first, a sign-up's); the counts its first query read; for a change to one task,
/// the task (tracked) and its prerequisites, and for a change to one phase, the phase (tracked), read with the plan.
public sealed record PlanChangeStart(ActionPlan Plan, MemberRole Role, int ActorId, DateTime Now, int? ReadVersion,
    IDbContextTransaction? Transaction, StoredCounts Counts, PlanTask? Task = null, List<Prerequisite>? Prerequisites = null,
    PlanPhase? Phase = null);

/// One request's change to one plan, in one transaction: a unit of work that knows nothing of HTTP. Edits (Edit) apply
/// to tracked entities and record their history as they go; the first write takes the plan's lock (PlanVersionLock);
/// CommitAsync writes the counts, the history and the operation row, keeps the answer for idempotent retries if the
/// request asked (PlanChangeRequest.KeepAnswer), commits, then publishes the change. Disposed without a commit, it
/// rolls everything back, so a failed request changes nothing. PlanChangeOpener opens one.
public sealed class PlanTransaction : IAsyncDisposable
{
    private readonly PlanChangeServices services;
    private readonly PlanVersionLock versionLock;
    private readonly PlanCounts counts;
    private readonly PlanTask? task;
    private readonly List<Prerequisite>? prerequisites;
    private readonly PlanPhase? phase;

    internal PlanTransaction(PlanChangeServices services, PlanChangeStart start)
    {
        this.services = services;
        (Plan, Role, ActorId, Now, task, prerequisites, phase) =
            (start.Plan, start.Role, start.ActorId, start.Now, start.Task, start.Prerequisites, start.Phase);
        OperationId = services.Request.OperationId;
        versionLock = new PlanVersionLock(services.Db, Plan, start.ReadVersion, start.Transaction, services.Writer);
        counts = new PlanCounts(start.Counts);
        History = new ChangeHistory(Plan, ActorId, OperationId, Now);
        Edit = new PlanEditor(services.Db, Plan, Now, History, counts, versionLock);
    }

    public UnbuiltDbContext Db => services.Db;
    /// Tracked, with its new version already.
    public ActionPlan Plan { get; }
    public MemberRole Role { get; }
    public int ActorId { get; }
    public string OperationId { get; }
    public DateTime Now { get; }
    public PlanEditor Edit { get; }
    public ChangeHistory History { get; }

    /// The task a change to one task was opened for (PlanChangeOpener.ForTaskAsync), tracked.
    public PlanTask Task => task ?? throw new InvalidOperationException("Only a change opened for a task has one.");

    /// The phase a change to one phase was opened for (PlanChangeOpener.ForPhaseAsync), tracked.
    public PlanPhase Phase => phase ?? throw new InvalidOperationException("Only a change opened for a phase has one.");

    /// That task's prerequisites, read with it.
    public IReadOnlyList<Prerequisite> Prerequisites =>
        prerequisites ?? throw new InvalidOperationException("Only a change opened for a task has its prerequisites.");

    /// Writes the edits so far (the first write takes the lock).
    public Task SaveAsync(CancellationToken ct) => versionLock.SaveAsync(ct);

    private static readonly Func<UnbuiltDbContext, int, int, IAsyncEnumerable<PlanOperation>> RedoStack =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId, int userId) =>
            db.PlanOperations.Where(o => o.PlanId == planId && o.UserId == userId && o.Kind == OperationKind.Undo && !o.Undone));

    /// Commits the change as an operation of <paramref name="type"/> answering <paramref name="answer"/>.
    public Task<TResult> CommitAsync<TResult>(string type, TResult answer, CancellationToken ct, bool undoable = true)
        where TResult : notnull =>
        CommitAsync(type, () => System.Threading.Tasks.Task.FromResult(answer), ct, undoable);

    /// Commits the change as an operation of <paramref name="type"/> and answers with <paramref name="answer"/>, built
    /// inside the transaction after the edits are written (for an answer that reads them back). A request that changed
    /// no row commits nothing (no new version).
    public async Task<TResult> CommitAsync<TResult>(string type, Func<Task<TResult>> answer, CancellationToken ct,
        bool undoable = true) where TResult : notnull
    {
        if (History.Rows.Count == 0) return await AnswerUnchangedAsync(answer);

        // A new change clears this user's redo stack, as in any editor.
        var redoStack = History.Kind == OperationKind.Do && undoable && counts.HasRedo
            ? await RedoStack(Db, Plan.Id, ActorId).ToListAsync(ct) : [];
        foreach (var undo in redoStack) undo.Undone = true;
        counts.ApplyTo(Db, Plan, DateOnly.FromDateTime(Now));
        Db.TaskHistory.AddRange(History.Rows);
        Db.PlanOperations.Add(new PlanOperation
        {
            PlanId = Plan.Id, UserId = ActorId, OperationId = OperationId, Kind = History.Kind, Type = type, Undoable = undoable,
            TargetOperationId = History.TargetOperationId, PlanVersion = Plan.Version, CreatedAt = Now,
        });
        await versionLock.SaveAsync(ct); // most often the change's only flush: it takes the lock and writes
        var result = await answer();
        if (Keep(result, Plan.Version)) await Db.SaveChangesAsync(ct);
        await CommitThenPublishAsync(History.Event(type), ct);
        return result;
    }

    /// Deletes the plan (its rows go by cascade) and tells its clients.
    public async Task<TResult> CommitDeletionAsync<TResult>(TResult answer, CancellationToken ct) where TResult : notnull
    {
        await versionLock.LockAloneAsync(ct);
        Db.ActionPlans.Remove(Plan);
        Keep(answer, null);
        await Db.SaveChangesAsync(ct);
        await CommitThenPublishAsync(new PlanChange(Plan.Id, Plan.Version, "plan.deleted",
            new PlanChangeData(History.Kind, null, []), ActorId, OperationId, Now), ct);
        return answer;
    }

    /// Notes the answer's plan version (its ETag) and keeps the answer for retries with the same Idempotency-Key, in
    /// this transaction. True when that added a row to write (only a request that sent the header).
    private bool Keep(object answer, int? version)
    {
        services.Request.AnswerVersion = version;
        return services.Request.KeepAnswer?.Invoke(answer, version, Db, Now) == true;
    }

    /// Commits, then publishes, both in the plan's publish order, so clients receive its versions in sequence.
    private async Task CommitThenPublishAsync(PlanChange change, CancellationToken ct)
    {
        using (await services.Order.EnterAsync(Plan.Id))
        {
            await versionLock.CommitAsync(ct);
            await services.Publisher.PublishAsync(change, CancellationToken.None);
        }
    }

    private async Task<TResult> AnswerUnchangedAsync<TResult>(Func<Task<TResult>> answer)
    {
        await versionLock.RollbackAsync();
        var result = await answer();
        services.Request.AnswerVersion = Plan.Version - 1;
        return result;
    }

    public ValueTask DisposeAsync() => versionLock.DisposeAsync();
}
