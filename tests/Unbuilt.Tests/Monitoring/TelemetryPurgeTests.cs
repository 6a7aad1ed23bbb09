using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Unbuilt.Data.Monitoring;
using Unbuilt.Hosting;
using Unbuilt.Monitoring;

namespace Unbuilt.Tests.Monitoring;

/// Request telemetry and audit rows past their retention (90 and 365 days by default) are deleted in the background,
/// oldest first and in batches; younger rows stay.
public sealed class TelemetryPurgeTests(UnbuiltServer server) : IntegrationTest<UnbuiltServer>(server)
{
    private TelemetryPurge Purge => Server.Services.GetRequiredService<TelemetryPurge>();

    [Fact]
    public async Task A_purge_deletes_only_rows_past_their_retention_in_as_many_batches_as_it_takes()
    {
        await Purge.FirstPass; // the start's pass, done before rows go in
        var now = DateTime.UtcNow;
        var old = TelemetryPurge.BatchSize + 1; // two batches
        await DbAsync(async db =>
        {
            for (var i = 0; i < old; i++) db.AnalyticsEvents.Add(Event("old", now.AddDays(-91).AddSeconds(-i)));
            db.AnalyticsEvents.AddRange(Event("nearly", now.AddDays(-89)), Event("fresh", now.AddMinutes(-1)));
            // A year keeps an audit row that 91 days would not.
            db.SecurityAuditLogs.AddRange(Audit("ancient", now.AddDays(-366)), Audit("kept", now.AddDays(-91)), Audit("fresh", now));
            return await db.SaveChangesAsync();
        });

        var (events, audits) = await Purge.PurgeAsync(default);

        Assert.Equal((old, 1), (events, audits));
        Assert.Equal(["fresh", "nearly"], await DbAsync(db => db.AnalyticsEvents.Select(e => e.EventType).Order().ToListAsync()));
        Assert.Equal(["fresh", "kept"], await DbAsync(db => db.SecurityAuditLogs.Select(l => l.Action).Order().ToListAsync()));
        Assert.Equal((0, 0), await Purge.PurgeAsync(default));
    }

    private static AnalyticsEvent Event(string type, DateTime at) => new() { EventType = type, Timestamp = at, ResponseTimeMs = 1 };

    private static SecurityAuditLog Audit(string action, DateTime at) => new() { Action = action, Severity = "info", Success = true, Timestamp = at };
}

/// `Unbuilt:Telemetry:*` is checked at start-up; 0 keeps rows for ever.
public sealed class TelemetryRetentionSettingsTests() : SettingsSectionTest("Unbuilt:Telemetry")
{
    [Theory]
    [InlineData("RetentionDays=6")]
    [InlineData("RetentionDays=-1")]
    [InlineData("AuditRetentionDays=29")]
    [InlineData("PurgeMinutes=0")]
    [InlineData("PurgeMinutes=10081")]
    public Task A_setting_out_of_range_stops_the_start(string setting) => AssertStartRefusedAsync(setting);

    [Fact]
    public async Task By_default_events_are_kept_90_days_and_audit_rows_a_year_and_0_keeps_them_for_ever()
    {
        await using var defaults = await ValidAsync();
        var settings = defaults.Services.GetRequiredService<IOptions<TelemetryRetentionOptions>>().Value;
        Assert.Equal((90, 365, 60), (settings.RetentionDays, settings.AuditRetentionDays, settings.PurgeMinutes));

        await using var forever = await ValidAsync("RetentionDays=0", "AuditRetentionDays=0");
    }
}

/// Telemetry and audit rows kept for ever (retention 0).
public sealed class KeepTelemetryServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings => ["Unbuilt:Telemetry:RetentionDays=0", "Unbuilt:Telemetry:AuditRetentionDays=0"];
}

/// With a retention of 0 nothing is deleted, however old.
public sealed class TelemetryKeptForEverTests(KeepTelemetryServer server) : IntegrationTest<KeepTelemetryServer>(server)
{
    [Fact]
    public async Task Rows_of_any_age_stay()
    {
        var longAgo = DateTime.UtcNow.AddYears(-5);
        await DbAsync(async db =>
        {
            db.AnalyticsEvents.Add(new AnalyticsEvent { EventType = "old", Timestamp = longAgo });
            db.SecurityAuditLogs.Add(new SecurityAuditLog { Action = "old", Severity = "info", Success = true, Timestamp = longAgo });
            return await db.SaveChangesAsync();
        });

        Assert.Equal((0, 0), await Server.Services.GetRequiredService<TelemetryPurge>().PurgeAsync(default));
        Assert.Equal(1, await DbAsync(db => db.AnalyticsEvents.CountAsync()));
        Assert.Equal(1, await DbAsync(db => db.SecurityAuditLogs.CountAsync()));
    }
}
