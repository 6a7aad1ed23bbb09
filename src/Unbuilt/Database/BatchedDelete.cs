using Unbuilt.Data;

namespace Unbuilt.Database;

/// Deletes rows a batch at a time, each batch its own short transaction, until one comes back short. On SQLite every
/// write in the process queues for one writer slot (SqliteWriteGate, which only a transaction takes), so a single large
/// delete would hold up every request for as long as it ran; between batches the requests waiting get their turn. On
/// PostgreSQL short transactions keep locks and the vacuum's work small.
public static class BatchedDelete
{
    /// Runs <paramref name="deleteBatch"/> (which deletes at most <paramref name="batchSize"/> rows and says how many)
    /// until a batch deletes fewer, or <paramref name="ct"/> stops it between batches. Returns how many were deleted.
    public static async Task<int> RunAsync(IServiceScopeFactory scopes, int batchSize, Func<UnbuiltDbContext, Task<int>> deleteBatch,
        CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>();
        var total = 0;
        while (!ct.IsCancellationRequested)
        {
            int deleted;
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                deleted = await deleteBatch(db);
                await transaction.CommitAsync(ct);
            }
            total += deleted;
            if (deleted < batchSize) break;
        }
        return total;
    }
}
