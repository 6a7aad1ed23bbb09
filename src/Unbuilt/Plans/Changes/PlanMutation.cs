using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Idempotency;

namespace Unbuilt.Plans.Changes;

/// One request's change to one plan, in one transaction, holding the plan's row lock: edits record task_history
/// rows as they go; CommitAsync bumps nothing more (the version was bumped when the lock was taken), recounts,
/// writes the operation row and the idempotent answer, commits, then publishes the change. Disposed without a
/// commit, it rolls everything back and forgets the tracked entities, so a failed request changes nothing.
public sealed class PlanMutation : IAsyncDisposable
{
    private readonly IDbContextTransaction transaction;
    private readonly HttpContext http;
    private readonly IPlanChangePublisher publisher;
    private readonly PlanPublishOrder order;
    private readonly List<TaskHistory> rows = [];
    private bool finished;

    internal PlanMutation(UnbuiltDbContext db, IDbContextTransaction transaction, HttpContext http,
        IPlanChangePublisher publisher, PlanPublishOrder order, ActionPlan plan, MemberRole role, int actorId, string operationId, DateTime now)
    {
        Db = db;
        this.transaction = transaction;
        this.http = http;
        this.publisher = publisher;
        this.order = order;
        Plan = plan;
        Role = role;
        ActorId = actorId;
        OperationId = operationId;
        Now = now;
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

    public Task SaveAsync(CancellationToken ct) => Db.SaveChangesAsync(ct);

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
        bool undoable = true) where TResult : IResult
    {
        await Db.SaveChangesAsync(ct);
        if (rows.Count == 0) return await AnswerUnchangedAsync(answer);

        await PlanCounters.RecountAsync(Db, Plan, Now, ct);
        Db.TaskHistory.AddRange(rows);
        if (Kind == OperationKind.Do && undoable)
        {
            // A new change clears this user's redo stack, as in any editor.
            await Db.PlanOperations.Where(o => o.PlanId == Plan.Id && o.UserId == ActorId && o.Kind == OperationKind.Undo && !o.Undone)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Undone, true), ct);
        }
        Db.PlanOperations.Add(new PlanOperation
        {
            PlanId = Plan.Id, UserId = ActorId, OperationId = OperationId, Kind = Kind, Type = type, Undoable = undoable,
            TargetOperationId = TargetOperationId, PlanVersion = Plan.Version, CreatedAt = Now,
        });
        await Db.SaveChangesAsync(ct);
        var result = await answer();
        http.Response.Headers.ETag = PlanETag.For(Plan.Version);
        IdempotentAnswer.Store(http, result, Db, Now);
        await Db.SaveChangesAsync(ct);
        using (await order.EnterAsync(Plan.Id))
        {
            await transaction.CommitAsync(ct);
            finished = true;
            await publisher.PublishAsync(Change(type), CancellationToken.None);
        }
        return result;
    }

    /// Deletes the plan (its rows go by cascade) and tells its clients.
    public async Task<TResult> CommitDeletionAsync<TResult>(TResult answer, CancellationToken ct) where TResult : IResult
    {
        Db.ActionPlans.Remove(Plan);
        IdempotentAnswer.Store(http, answer, Db, Now);
        await Db.SaveChangesAsync(ct);
        using (await order.EnterAsync(Plan.Id))
        {
            await transaction.CommitAsync(ct);
            finished = true;
            var data = new PlanChangeData(Kind, null, []);
            await publisher.PublishAsync(new PlanChange(Plan.Id, Plan.Version, "plan.deleted", data, ActorId, OperationId, Now),
                CancellationToken.None);
        }
        return answer;
    }

    private async Task<TResult> AnswerUnchangedAsync<TResult>(Func<Task<TResult>> answer) where TResult : IResult
    {
        await RollbackAsync();
        var result = await answer();
        http.Response.Headers.ETag = PlanETag.For(Plan.Version - 1);
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
        await transaction.RollbackAsync(CancellationToken.None);
        Db.ChangeTracker.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        await transaction.DisposeAsync();
    }
}
