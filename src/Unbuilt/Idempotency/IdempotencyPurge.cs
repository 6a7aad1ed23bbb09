using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Data;
using Unbuilt.Database;

namespace Unbuilt.Idempotency;

/// Deletes expired idempotency records when the node starts and every Unbuilt:Idempotency:PurgeMinutes after. A record
/// past its lifetime is never replayed (IdempotencyFilter deletes one it meets), but keys that are never retried would
/// otherwise stay for ever.
/// The same pass deletes invitations that have been unusable (accepted, revoked or expired) for
/// <see cref="InvitationRetention"/>: long enough for an owner to see what became of a link, but not for ever.
/// Deletes run in batches, each its own short transaction (BatchedDelete), so requests are not held up behind them.
public sealed partial class IdempotencyPurge(IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider clock,
    ILogger<IdempotencyPurge> logger) : BackgroundService
{
    public const int BatchSize = 1000;

    public static readonly TimeSpan InvitationRetention = TimeSpan.FromDays(30);

    private readonly RecurringPass schedule = new();

    /// Completes once the pass run at start-up has finished.
    public Task FirstPass => schedule.FirstPass;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        schedule.RunAsync(options.Value.PurgeInterval, clock, async ct =>
        {
            if (await PurgeAsync(ct) is > 0 and var deleted) LogPurged(logger, deleted);
            if (await PurgeInvitationsAsync(ct) is > 0 and var invitations) LogInvitationsPurged(logger, invitations);
        }, e => LogPurgeFailed(logger, e), stoppingToken);

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

    private Task<int> InBatchesAsync(Func<UnbuiltDbContext, Task<int>> deleteBatch, CancellationToken ct) =>
        BatchedDelete.RunAsync(scopes, BatchSize, deleteBatch, ct);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired idempotency records")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} invitations unusable for 30 days")]
    private static partial void LogInvitationsPurged(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging expired idempotency records or invitations failed; trying again next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
