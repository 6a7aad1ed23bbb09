using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Unbuilt.Data;
using Unbuilt.Data.Monitoring;
using Unbuilt.Database;

namespace Unbuilt.Monitoring;

/// The `Unbuilt:Telemetry` section (environment: `Unbuilt__Telemetry__RetentionDays`, …): how long the rows every
/// request adds are kept. 0 keeps them for ever.
public sealed class TelemetryRetentionOptions
{
    public const string Section = "Unbuilt:Telemetry";

    /// Days `analytics_events` rows are kept: at least a week, so the alert, guard and metrics windows (a day at most)
    /// and a rollout phase of a week or more are judged on all of their requests.
    public int RetentionDays { get; set; } = 90;

    /// Days `security_audit_logs` rows are kept: at least 30.
    public int AuditRetentionDays { get; set; } = 365;

    /// How often rows past their retention are deleted.
    public int PurgeMinutes { get; set; } = 60;

    public static bool IsValid(TelemetryRetentionOptions o) =>
        o.RetentionDays is 0 or (>= 7 and <= 36_500) && o.AuditRetentionDays is 0 or (>= 30 and <= 36_500)
        && o.PurgeMinutes is >= 1 and <= 7 * 24 * 60;

    public const string Rule = "Unbuilt:Telemetry: RetentionDays is 0 (for ever) or 7–36500, AuditRetentionDays 0 or 30–36500, " +
        "PurgeMinutes 1–10080 (a week).";
}

/// Deletes request telemetry and audit rows past their retention when the node starts and every
/// Unbuilt:Telemetry:PurgeMinutes after, oldest first, in batches of <see cref="BatchSize"/> (BatchedDelete: short
/// transactions, so requests are not held up). Without it both tables grow by a row or two per request for ever. A rollout phase that ended before the retention window
/// keeps its recorded history (flag changes, schedule), but its success criteria only see the requests still kept.
public sealed partial class TelemetryPurge(IServiceScopeFactory scopes, IOptions<TelemetryRetentionOptions> options, TimeProvider clock,
    ILogger<TelemetryPurge> logger) : BackgroundService
{
    public const int BatchSize = 5000;

    private readonly RecurringPass schedule = new();

    /// Completes once the pass run at start-up has finished.
    public Task FirstPass => schedule.FirstPass;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        schedule.RunAsync(TimeSpan.FromMinutes(options.Value.PurgeMinutes), clock, async ct =>
        {
            var (events, audits) = await PurgeAsync(ct);
            if (events + audits > 0) LogPurged(logger, events, audits);
        }, e => LogPurgeFailed(logger, e), stoppingToken);

    /// One purge of both tables: rows older than their retention (none when it is 0). Returns how many of each were
    /// deleted.
    public async Task<(int Events, int Audits)> PurgeAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.StoredNow();
        var events = await PurgeAsync(db => db.AnalyticsEvents, settings.RetentionDays, now, ct);
        var audits = await PurgeAsync(db => db.SecurityAuditLogs, settings.AuditRetentionDays, now, ct);
        return (events, audits);
    }

    private Task<int> PurgeAsync<TRow>(Func<UnbuiltDbContext, DbSet<TRow>> table, int retentionDays, DateTime now, CancellationToken ct)
        where TRow : class, ITelemetryRow
    {
        if (retentionDays == 0) return Task.FromResult(0);
        var cutoff = now.AddDays(-retentionDays);
        return BatchedDelete.RunAsync(scopes, BatchSize, db =>
        {
            var rows = table(db);
            var batch = rows.Where(r => r.Timestamp < cutoff).OrderBy(r => r.Timestamp).Take(BatchSize).Select(r => r.Id);
            return rows.Where(r => batch.Contains(r.Id)).ExecuteDeleteAsync(ct);
        }, ct);
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Deleted {Events} analytics events and {Audits} audit log rows past their retention")]
    private static partial void LogPurged(ILogger logger, int events, int audits);

    [LoggerMessage(Level = LogLevel.Error, Message = "Purging telemetry past its retention failed; trying again next interval")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
