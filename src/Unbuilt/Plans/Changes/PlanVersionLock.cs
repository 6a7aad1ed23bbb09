using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Unbuilt.Data;
using Unbuilt.Data.Plans;

namespace Unbuilt.Plans.Changes;

/// One change's hold on its plan, and its transaction. The lock is taken at the change's first write by moving the
/// plan's row from the version the change's reads saw (<paramref name="readVersion"/>) to the next one: the version
/// is a concurrency token and action_plans sorts first in EF's batch, so the move is the batch's first statement and
/// the lock costs no round trip of its own. When another change got there first, the move finds no row and this
/// throws PlanChangedException, which PlanChangeEndpoints answers by running the request again. A null
/// <paramref name="readVersion"/> means the lock is held already (a new plan nobody else can see, or a request that
/// locked before reading). Disposed without a commit, it rolls everything back and forgets the tracked entities.
public sealed class PlanVersionLock(UnbuiltDbContext db, ActionPlan plan, int? readVersion, IDbContextTransaction? transaction,
    PlanRowWriter writer) : IAsyncDisposable
{
    private bool locked = readVersion is null;
    private bool finished;

    /// Writes what is tracked so far; the first write takes the lock.
    public async Task SaveAsync(CancellationToken ct)
    {
        transaction ??= await db.Database.BeginTransactionAsync(ct);
        try
        {
            // Until the lock is held, the plan's row is in the batch (it is modified from the start: its new version),
            // and both PlanRowWriter and EF put it first: UPDATE action_plans … WHERE id = … AND version = <read>. The
            // everyday change's rows go by PlanRowWriter; what it does not write goes by SaveChanges.
            if (!await writer.TryWriteAsync(db, ct)) await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException) when (!locked)
        {
            throw new PlanChangedException(plan.Id);
        }
        locked = true;
    }

    /// Takes the lock with a statement of its own: for a deletion, whose batch would delete the plan's tracked rows
    /// before the plan itself.
    public async Task LockAloneAsync(CancellationToken ct)
    {
        if (locked) return;
        transaction ??= await db.Database.BeginTransactionAsync(ct);
        var (planId, read, next) = (plan.Id, readVersion!.Value, plan.Version);
        var moved = await db.Database.ExecuteSqlAsync(
            $"UPDATE action_plans SET version = {next} WHERE id = {planId} AND version = {read}", ct);
        if (moved == 0) throw new PlanChangedException(planId);
        db.Entry(plan).Property(p => p.Version).OriginalValue = next;
        locked = true;
    }

    public async Task CommitAsync(CancellationToken ct)
    {
        await transaction!.CommitAsync(ct);
        finished = true;
    }

    /// Undoes whatever was written and forgets what is tracked, so a refused or failed change leaves nothing behind.
    public async Task RollbackAsync()
    {
        if (finished) return;
        finished = true;
        if (transaction is not null) await transaction.RollbackAsync(CancellationToken.None);
        db.ChangeTracker.Clear();
    }

    public async ValueTask DisposeAsync()
    {
        await RollbackAsync();
        if (transaction is not null) await transaction.DisposeAsync();
    }
}
