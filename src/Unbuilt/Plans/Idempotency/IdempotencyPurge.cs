using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Data;
using Unbuilt.Flags;

namespace Unbuilt.Plans.Idempotency;

/// Deletes expired idempotency records every Unbuilt:Idempotency:PurgeMinutes. A record past its lifetime is never
/// replayed (IdempotencyFilter deletes one it meets), but keys that are never retried would otherwise stay for ever.
/// Deletes run in batches, each its own short transaction: on SQLite every write in the process queues for one
/// writer slot (SqliteWriteGate, which only a transaction takes), so a single large delete would hold up every
/// request for as long as it ran; between batches the requests waiting get their turn.
public sealed partial class IdempotencyPurge(IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock,
    ILogger<IdempotencyPurge> logger) : BackgroundService
{
    public const int BatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await PurgeAsync(stoppingToken) is > 0 and var deleted) LogPurged(logger, deleted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPurgeFailed(logger, e);
            }
        }
    }

    /// One purge: every record created at or before the lifetime ago (the filter's own test of expiry), in batches
    /// of <see cref="BatchSize"/>. Returns how many were deleted.
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var cutoff = clock.StoredNow() - IdempotencyFilter.Lifetime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>();
        var total = 0;
        while (!ct.IsCancellationRequested)
        {
            int deleted;
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                var batch = db.IdempotencyRecords.Where(r => r.CreatedAt <= cutoff).OrderBy(r => r.Id).Take(BatchSize).Select(r => r.Id);
                deleted = await db.IdempotencyRecords.Where(r => batch.Contains(r.Id)).ExecuteDeleteAsync(ct);
                await transaction.CommitAsync(ct);
            }
            total += deleted;
            if (deleted < BatchSize) break;
        }
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired idempotency records")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging expired idempotency records failed; trying again next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
