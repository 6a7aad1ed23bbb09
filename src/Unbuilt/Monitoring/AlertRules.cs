using System.Globalization;

namespace Unbuilt.Monitoring;

/// A threshold broken now. name: error_rate | api_p95 | task_update_p95 | db_query | websocket_disconnect_rate;
/// scope: the operation it concerns, or null for all of them; value and threshold in unit (percent | ms).
public sealed record Alert(string Name, string? Scope, double Value, double Threshold, string Unit, string Message);

/// The guide's alerting thresholds held against what was measured over a window. Pure: the alerts endpoint, the
/// metrics endpoint and the rollout guard (on one feature's operations) all ask it.
public static class AlertRules
{
    public const string TaskUpdated = "task_updated";

    /// The latency thresholds are held against this percentile.
    public const double Percentile = 0.95;

    /// <param name="operations">Each operation's requests over the window (OperationSamples.SummarizeAsync).</param>
    public static List<Alert> ForOperations(IReadOnlyCollection<OperationTail> operations, AlertOptions limits)
    {
        var alerts = new List<Alert>();
        int total = operations.Sum(o => o.Count), errors = operations.Sum(o => o.Errors);
        ErrorRate(alerts, null, total, errors, limits);
        foreach (var operation in operations.OrderBy(o => o.EventType, StringComparer.Ordinal))
        {
            if (operation.Count != total) ErrorRate(alerts, operation.EventType, operation.Count, operation.Errors, limits); // one operation: said above
            if (operation.Timed < limits.MinSamples) continue;
            var p95 = operation.P95!.Value;
            if (operation.EventType == TaskUpdated && p95 > limits.TaskUpdateP95Ms)
                alerts.Add(Latency("task_update_p95", "task update p95", operation.EventType, p95, limits.TaskUpdateP95Ms, operation.Timed));
            if (p95 > limits.ApiP95Ms)
                alerts.Add(Latency("api_p95", $"{operation.EventType} p95", operation.EventType, p95, limits.ApiP95Ms, operation.Timed));
        }
        return alerts;
    }

    public static IEnumerable<Alert> ForDatabase(DatabaseTime database, AlertOptions limits)
    {
        if (database.MaxMs is { } slowest && slowest > limits.DbQueryMs)
            yield return new Alert("db_query", null, slowest, limits.DbQueryMs, "ms", Invariant(
                $"slowest database command {slowest:0.#} ms > {limits.DbQueryMs:0.#} ms ({database.Commands} commands in the window)"));
    }

    public static IEnumerable<Alert> ForRealtime(RealtimeCounts realtime, AlertOptions limits)
    {
        var seen = realtime.Open + realtime.Disconnected;
        if (seen >= limits.MinSamples && realtime.DisconnectRatePercent > limits.WebSocketDisconnectRatePercent)
            yield return new Alert("websocket_disconnect_rate", null, realtime.DisconnectRatePercent,
                limits.WebSocketDisconnectRatePercent, "percent", Invariant(
                    $"WebSocket disconnect rate {realtime.DisconnectRatePercent:0.###}% > {limits.WebSocketDisconnectRatePercent:0.###}% ({realtime.Dropped} of {seen} connections dropped)"));
    }

    private static void ErrorRate(List<Alert> alerts, string? scope, int requests, int errors, AlertOptions limits)
    {
        if (requests < limits.MinSamples) return;
        var percent = Math.Round(100.0 * errors / requests, 3);
        if (percent <= limits.ErrorRatePercent) return;
        var what = scope is null ? "error rate" : $"{scope} error rate";
        alerts.Add(new Alert("error_rate", scope, percent, limits.ErrorRatePercent, "percent", Invariant(
            $"{what} {percent:0.###}% > {limits.ErrorRatePercent:0.###}% ({errors} of {requests} requests failed)")));
    }

    private static Alert Latency(string name, string what, string scope, double p95, double limit, int count) =>
        new(name, scope, Math.Round(p95, 2), limit, "ms", Invariant($"{what} {p95:0.#} ms > {limit:0.#} ms over {count} requests"));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
