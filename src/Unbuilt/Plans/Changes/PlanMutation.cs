using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Tasks;

namespace Unbuilt.Plans.Changes;

/// What every change uses: the database, where committed changes go (in plan order), and the request it serves.
public sealed record PlanChangeServices(UnbuiltDbContext Db, IPlanChangePublisher Publisher, PlanPublishOrder Order,
    PlanChangeRequest Request);

/// How a change starts: the plan (tracked, already moved to its new version), the caller's role, who acts and when;
/// the version its reads saw (null when <paramref name="Transaction"/> already holds a plan nobody else can see, a new
/// one); the transaction if one is begun already (a new plan, or a request that locked first); and what the first
/// query took along: the plan's counts (null to count at commit) and a task's prerequisites.
public sealed record PlanChangeStart(ActionPlan Plan, MemberRole Role, int ActorId, DateTime Now, int? ReadVersion,
    IDbContextTransaction? Transaction, StoredCounts? Counts = null, List<Prerequisite>? Prerequisites = null);

/// One request's change to one plan, in one transaction: edits apply to tracked entities and record task_history
/// rows as they go; the first write (SaveAsync or CommitAsync) takes the plan's lock, by moving the plan from the
/// version its reads saw to the next one (or throws PlanChangedException when someone else got there first, and
/// PlanChangeEndpoints runs the request again). That move is the first statement of the write's batch (the version is a
/// concurrency token, and action_plans sorts first), so the lock costs no round trip of its own. CommitAsync
/// recounts, writes the operation row and the idempotent answer, commits, then publishes the change. Disposed without
/// a commit, it rolls everything back and forgets the tracked entities, so a failed request changes nothing.
public sealed class PlanMutation : IAsyncDisposable
{
    private readonly int? readVersion;
    private IDbContextTransaction? transaction;
    private bool locked;
    private readonly PlanChangeRequest request;
    private readonly IPlanChangePublisher publisher;
    private readonly PlanPublishOrder order;
    private readonly List<TaskHistory> rows = [];
    private bool finished;
    // The counts the change's first read took along, good until the change writes something (then they are re-read).
    private StoredCounts? startCounts;

    internal PlanMutation(PlanChangeServices services, PlanChangeStart start)
    {
        (Db, publisher, order, request) = services;
        startCounts = start.Counts;
        Prerequisites = start.Prerequisites;
        transaction = start.Transaction;
        readVersion = start.ReadVersion;
        locked = readVersion is null;
        Plan = start.Plan;
        Role = start.Role;
        ActorId = start.ActorId;
        OperationId = request.OperationId;
        Now = start.Now;
        Edit = new PlanEditor(this);
    }

    public UnbuiltDbContext Db { get; }
    /// Tracked, with its new version already.
    public ActionPlan Plan { get; }
    public MemberRole Role { get; }
    public int ActorId { get; }
    public string OperationId { get; }
    public DateTime Now { get; }
    public PlanEditor Edit { get; }
    public OperationKind Kind { get; set; } = OperationKind.Do;
    public string? TargetOperationId { get; set; }
    public IReadOnlyList<TaskHistory> Rows => rows;
    /// The prerequisites of the task ForTaskAsync found, read with it (null when they were not read).
    public List<Prerequisite>? Prerequisites { get; }

    /// The task (tracked) that ForTaskAsync found this change's plan by. If it has gone since, a change deleted it
    /// after that lookup: the plan changed, so the request runs again (and then finds no task).
    /// ForTaskAsync normally read it with the plan, so it is found without a query.
    public async Task<PlanTask> TaskAsync(int taskId, CancellationToken ct) =>
        await Db.PlanTasks.FindAsync([taskId], ct) is { } task && task.PlanId == Plan.Id ? task : throw new PlanChangedException(Plan.Id);

    /// Writes the edits so far (the first write takes the lock).
    public async Task SaveAsync(CancellationToken ct)
    {
        transaction ??= await Db.Database.BeginTransactionAsync(ct);
        try
        {
            // Until the lock is held, the plan's row is in the batch (it is modified from the start: its new version),
            // and EF sorts it first: UPDATE action_plans … WHERE id = … AND version = <read>.
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException) when (!locked)
        {
            throw new PlanChangedException(Plan.Id);
        }
        locked = true;
        startCounts = null;
    }

    /// Takes the lock with a statement of its own: for a deletion, whose batch would delete the plan's tracked rows
    /// before the plan itself.
    private async Task LockAloneAsync(CancellationToken ct)
    {
        if (locked) return;
        transaction ??= await Db.Database.BeginTransactionAsync(ct);
        var (planId, read, next) = (Plan.Id, readVersion!.Value, Plan.Version);
        var moved = await Db.Database.ExecuteSqlAsync(
            $"UPDATE action_plans SET version = {next} WHERE id = {planId} AND version = {read}", ct);
        if (moved == 0) throw new PlanChangedException(planId);
        Db.Entry(Plan).Property(p => p.Version).OriginalValue = next;
        locked = true;
    }

    private static readonly Func<UnbuiltDbContext, int, int, IAsyncEnumerable<PlanOperation>> RedoStack =
        EF.CompileAsyncQuery((UnbuiltDbContext db, int planId, int userId) =>
            db.PlanOperations.Where(o => o.PlanId == planId && o.UserId == userId && o.Kind == OperationKind.Undo && !o.Undone));

    public void Record(string action, int? taskId, string? before, string? after, string? note = null) =>
        rows.Add(new TaskHistory
        {
            PlanId = Plan.Id, TaskId = taskId, UserId = ActorId, Action = action, PreviousState = before,
            NewState = after, PlanVersion = Plan.Version, OperationId = OperationId, Note = note,
            RevertsOperationId = Kind == OperationKind.Do ? null : TargetOperationId, IsUndo = Kind != OperationKind.Do,
            Timestamp = Now,
        });

    /// Commits the change as an operation of <paramref name="type"/> and answers with <paramref name="answer"/>,
    /// built inside the transaction after the edits. A request that changed no row commits nothing (no new version).
    public async Task<TResult> CommitAsync<TResult>(string type, Func<Task<TResult>> answer, CancellationToken ct,
        bool undoable = true) where TResult : notnull
    {
        if (rows.Count == 0) return await AnswerUnchangedAsync(answer);

        // Everything that can be read is read before the lock (most often by the change's first query); then one flush
        // that takes the lock and writes.
        var count = startCounts is { } counts
            ? PlanCounters.Count(Db, counts, DateOnly.FromDateTime(Now))
            : await PlanCounters.CountAsync(Db, Plan, ActorId, Now, ct);
        // A new change clears this user's redo stack, as in any editor.
        var redoStack = Kind == OperationKind.Do && undoable && count.HasRedo ? await RedoStack(Db, Plan.Id, ActorId).ToListAsync(ct) : [];
        count.ApplyTo(Db, Plan);
        foreach (var undo in redoStack) undo.Undone = true;
        Db.TaskHistory.AddRange(rows);
        Db.PlanOperations.Add(new PlanOperation
        {
            PlanId = Plan.Id, UserId = ActorId, OperationId = OperationId, Kind = Kind, Type = type, Undoable = undoable,
            TargetOperationId = TargetOperationId, PlanVersion = Plan.Version, CreatedAt = Now,
        });
        await SaveAsync(ct);
        var result = await answer();
        request.AnswerVersion = Plan.Version;
        if (request.KeepAnswer?.Invoke(result, Plan.Version, Db, Now) == true) await Db.SaveChangesAsync(ct);
        using (await order.EnterAsync(Plan.Id))
        {
            await transaction!.CommitAsync(ct);
            finished = true;
            await publisher.PublishAsync(Change(type), CancellationToken.None);
        }
        return result;
    }

    /// Deletes the plan (its rows go by cascade) and tells its clients.
    public async Task<TResult> CommitDeletionAsync<TResult>(TResult answer, CancellationToken ct) where TResult : notnull
    {
        await LockAloneAsync(ct);
        Db.ActionPlans.Remove(Plan);
        request.KeepAnswer?.Invoke(answer, null, Db, Now);
        await Db.SaveChangesAsync(ct);
        using (await order.EnterAsync(Plan.Id))
        {
            await transaction!.CommitAsync(ct);
            finished = true;
            var data = new PlanChangeData(Kind, null, []);
            await publisher.PublishAsync(new PlanChange(Plan.Id, Plan.Version, "plan.deleted", data, ActorId, OperationId, Now),
                CancellationToken.None);
        }
        return answer;
    }

    private async Task<TResult> AnswerUnchangedAsync<TResult>(Func<Task<TResult>> answer)
    {
        await RollbackAsync();
        var result = await answer();
        request.AnswerVersion = Plan.Version - 1;
        return result;
    }

    private PlanChange Change(string type) =>
        new(Plan.Id, Plan.Version, type,
            new PlanChangeData(Kind, TargetOperationId, [.. rows.Select(RowChange.Of)]),
            ActorId, OperationId, Now);

    private async Task RollbackAsync()
    {
        if (finished) return;
        finished = true;
        if (transaction is not null) await transaction.RollbackAsync(CancellationToken.None);
        Db.ChangeTracker.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        if (transaction is not null) await transaction.DisposeAsync();
    }
}
