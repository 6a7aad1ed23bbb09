using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Data;

namespace Unbuilt.Idempotency;

/// Deletes expired idempotency records every Unbuilt:Idempotency:PurgeMinutes. A record past its lifetime is never
/// replayed (IdempotencyFilter deletes one it meets), but keys that are never retried would otherwise stay for ever.
/// The same pass deletes invitations that have been unusable (accepted, revoked or expired) for
/// <see cref="InvitationRetention"/>: long enough for an owner to see what became of a link, but not for ever.
/// Deletes run in batches, each its own short transaction: on SQLite every write in the process queues for one
/// writer slot (SqliteWriteGate, which only a transaction takes), so a single large delete would hold up every
/// request for as long as it ran; between batches the requests waiting get their turn.
public sealed partial class IdempotencyPurge(IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock,
    ILogger<IdempotencyPurge> logger) : BackgroundService
{
    public const int BatchSize = 1000;

    public static readonly TimeSpan InvitationRetention = TimeSpan.FromDays(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await PurgeAsync(stoppingToken) is > 0 and var deleted) LogPurged(logger, deleted);
                if (await PurgeInvitationsAsync(stoppingToken) is > 0 and var invitations) LogInvitationsPurged(logger, invitations);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogPurgeFailed(logger, e);
            }
        }
    }

    /// One purge: every record created at or before the lifetime ago (the filter's own test of expiry), in batches
    /// of <see cref="BatchSize"/>. Returns how many were deleted.
    public Task<int> PurgeAsync(CancellationToken ct)
    {
        var cutoff = clock.StoredNow() - IdempotencyFilter.Lifetime;
        return InBatchesAsync(db =>
        {
            var batch = db.IdempotencyRecords.Where(r => r.CreatedAt <= cutoff).OrderBy(r => r.Id).Take(BatchSize).Select(r => r.Id);
            return db.IdempotencyRecords.Where(r => batch.Contains(r.Id)).ExecuteDeleteAsync(ct);
        }, ct);
    }

    /// One purge of invitations unusable since at least <see cref="InvitationRetention"/> ago. Returns how many were deleted.
    public Task<int> PurgeInvitationsAsync(CancellationToken ct)
    {
        var cutoff = clock.StoredNow() - InvitationRetention;
        return InBatchesAsync(db =>
        {
            var batch = db.PlanInvitations.Where(i => i.AcceptedAt <= cutoff || i.RevokedAt <= cutoff || i.ExpiresAt <= cutoff)
                .OrderBy(i => i.Id).Take(BatchSize).Select(i => i.Id);
            return db.PlanInvitations.Where(i => batch.Contains(i.Id)).ExecuteDeleteAsync(ct);
        }, ct);
    }

    private async Task<int> InBatchesAsync(Func<UnbuiltDbContext, Task<int>> deleteBatch, CancellationToken ct)
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
            if (deleted < BatchSize) break;
        }
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired idempotency records")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} invitations unusable for 30 days")]
    private static partial void LogInvitationsPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging expired idempotency records or invitations failed; trying again next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
