using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data.Monitoring;
using Unbuilt.Monitoring;
using Unbuilt.Tests.Flags;

namespace Unbuilt.Tests.Monitoring;

/// Helpers for monitoring tests: a user who has the feature, events written straight into analytics_events, and
/// the performance API's answers.
public abstract class MonitoringTest<TServer>(TServer server) : FlagTest<TServer>(server) where TServer : UnbuiltServer
{
    protected const string Performance = "/api/performance";

    protected static DateTime Now => DateTime.UtcNow;

    /// An admin, and a beta user for whom the flag is on (internal phase).
    protected async Task<(HttpClient Admin, TestUser Beta)> FeatureOnAsync()
    {
        var admin = await AdminAsync();
        var beta = await Server.CreateUserAsync("beta@example.com");
        await InitAsync(admin);
        await OkJson(admin.PostAsJsonAsync($"{Api}/{Flag}/users", new { userId = beta.Id }));
        await DeployAsync(admin, "internal");
        return (admin, beta);
    }

    protected static AnalyticsEvent Event(string type, double ms, int status = 200, DateTime? at = null, int? userId = null) =>
        new() { EventType = type, ResponseTimeMs = ms, StatusCode = status, Timestamp = at ?? Now.AddMinutes(-1), UserId = userId };

    protected Task InsertAsync(IEnumerable<AnalyticsEvent> events) => DbAsync(async db =>
    {
        db.AnalyticsEvents.AddRange(events);
        return await db.SaveChangesAsync();
    });

    /// Written by the middleware through the telemetry queue: flushed first, so a test reads its own requests.
    protected async Task<List<AnalyticsEvent>> EventsAsync(string type)
    {
        await Server.Services.GetRequiredService<TelemetryWriter>().FlushAsync();
        return await DbAsync(db => db.AnalyticsEvents.AsNoTracking().Where(e => e.EventType == type).OrderBy(e => e.Id).ToListAsync());
    }

    protected async Task<List<SecurityAuditLog>> AuditAsync(string action)
    {
        await Server.Services.GetRequiredService<TelemetryWriter>().FlushAsync();
        return await DbAsync(db => db.SecurityAuditLogs.AsNoTracking().Where(l => l.Action == action).OrderBy(l => l.Id).ToListAsync());
    }

    protected static JsonElement Operation(JsonElement metrics, string name) =>
        metrics.GetProperty("operations").EnumerateArray().Single(o => o.GetProperty("operation").GetString() == name);

    protected static List<string> AlertNames(JsonElement alertsOrMetrics) =>
        [.. alertsOrMetrics.GetProperty("alerts").EnumerateArray()
            .Select(a => a.GetProperty("name").GetString() + (a.GetProperty("scope").GetString() is { } s ? ":" + s : ""))];
}
