using Unbuilt.Flags;
using Unbuilt.Monitoring;

namespace Unbuilt.Rollout;

/// GET /api/performance/metrics: everything an operator checks before advancing a rollout, over one window.
public sealed class MetricsReport(
    OperationSamples samples, DatabaseTimings database, IRealtimeStats realtime, FlagSnapshotStore flags,
    Adoption adoption, ActiveAlerts alerts, TelemetryQueue queue, TimeProvider clock)
{
    public async Task<MetricsResponse> ReadAsync(string window, TimeSpan span, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - span;
        var requests = await samples.ReadAsync(since, null, ct); // writes the queue first: the latest requests count
        var sockets = realtime.Read(since);
        return new MetricsResponse(window, since, now,
            OperationSamples.ByOperation(requests),
            OperationStats.From("all", requests),
            new WebSocketMetrics(sockets.Open, sockets.Connected, sockets.Disconnected, sockets.Dropped, sockets.DisconnectRatePercent),
            database.Read(since),
            new FlagCacheMetrics(flags.Current.Count, flags.ReloadCount, flags.LastReloadedAt),
            await adoption.ByFeatureAsync(since, ct),
            await adoption.PlansAsync(since, ct),
            (await alerts.ReadAsync(ct)).Alerts,
            new TelemetryMetrics(queue.Dropped, queue.Pending));
    }
}

/// from/to bound the window; operations are sorted by name; `total` is every operation together.
public sealed record MetricsResponse(string Window, DateTime From, DateTime To, IReadOnlyList<OperationStats> Operations,
    OperationStats Total, WebSocketMetrics WebSockets, DatabaseTime Database, FlagCacheMetrics FlagCache,
    IReadOnlyList<FeatureAdoption> Adoption, PlanEngagement Plans, IReadOnlyList<Alert> Alerts, TelemetryMetrics Telemetry);

/// This node's WebSocket connections: open now; opened, closed and dropped in the window.
public sealed record WebSocketMetrics(int Connections, long Connected, long Disconnected, long Dropped, double DisconnectRatePercent);

/// This node's flag snapshot: how many flags, how many reloads since start, the last one.
public sealed record FlagCacheMetrics(int Flags, long Reloads, DateTimeOffset? LastReloadedAt);

/// Telemetry rows dropped since start because the queue was full, and rows waiting to be written.
public sealed record TelemetryMetrics(long EventsDropped, int EventsPending);
