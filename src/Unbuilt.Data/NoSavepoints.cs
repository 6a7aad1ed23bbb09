using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Unbuilt.Data;

/// EF wraps every SaveChanges inside an open transaction in a savepoint, so that a failed save could be retried within
/// it. Nothing here does that: a failed save fails its request, and the request's transaction rolls back whole. The
/// savepoints only cost two round trips per save (SAVEPOINT and RELEASE), inside the plan's lock; this skips them.
public sealed class NoSavepoints : DbTransactionInterceptor
{
    public static readonly NoSavepoints Instance = new();

    public override InterceptionResult CreatingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> CreatingSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

    public override InterceptionResult ReleasingSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> ReleasingSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());

    public override InterceptionResult RollingBackToSavepoint(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result) =>
        InterceptionResult.Suppress();

    public override ValueTask<InterceptionResult> RollingBackToSavepointAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default) => ValueTask.FromResult(InterceptionResult.Suppress());
}
