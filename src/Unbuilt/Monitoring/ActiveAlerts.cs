using Microsoft.Extensions.Options;

namespace Unbuilt.Monitoring;

/// The alerts firing now: every threshold held against the last Unbuilt:Alerts:WindowSeconds of requests, this
/// node's database commands and its WebSocket connections.
public sealed class ActiveAlerts(
    OperationSamples samples, DatabaseTimings database, IRealtimeStats realtime, IOptions<AlertOptions> options,
    TimeProvider clock)
{
    public AlertOptions Limits => options.Value;

    public async Task<AlertsResponse> ReadAsync(CancellationToken ct)
    {
        var limits = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - limits.Window;
        var requests = await samples.SummarizeAsync(since, null, ct);
        List<Alert> alerts =
        [
            .. AlertRules.ForOperations(requests, limits),
            .. AlertRules.ForDatabase(database.Read(since), limits),
            .. AlertRules.ForRealtime(realtime.Read(since), limits),
        ];
        return new AlertsResponse(now, limits.WindowSeconds, Thresholds.From(limits), alerts);
    }
}

public sealed record AlertsResponse(DateTime EvaluatedAt, int WindowSeconds, Thresholds Thresholds, IReadOnlyList<Alert> Alerts);

public sealed record Thresholds(double ErrorRatePercent, double ApiP95Ms, double TaskUpdateP95Ms, double DbQueryMs,
    double WebSocketDisconnectRatePercent, int MinSamples)
{
    public static Thresholds From(AlertOptions o) =>
        new(o.ErrorRatePercent, o.ApiP95Ms, o.TaskUpdateP95Ms, o.DbQueryMs, o.WebSocketDisconnectRatePercent, o.MinSamples);
}
