namespace Unbuilt.Monitoring;

/// The `Unbuilt:Alerts` section (environment: `Unbuilt__Alerts__ErrorRatePercent`, …): the deployment guide's
/// alerting thresholds, the sliding window they are evaluated over, and the fewest requests that can break one.
public sealed class AlertOptions
{
    public const string Section = "Unbuilt:Alerts";

    /// Requests answered with a 5xx, in percent, above which an alert fires (all operations, and each).
    public double ErrorRatePercent { get; set; } = 1;

    /// The p95 of any operation, in milliseconds.
    public double ApiP95Ms { get; set; } = 1000;

    /// The p95 of task_updated, in milliseconds.
    public double TaskUpdateP95Ms { get; set; } = 500;

    /// The slowest database command in the window, in milliseconds.
    public double DbQueryMs { get; set; } = 2000;

    /// WebSocket connections that dropped (did not close cleanly), in percent of those seen in the window.
    public double WebSocketDisconnectRatePercent { get; set; } = 5;

    /// The sliding window alerts are evaluated over.
    public int WindowSeconds { get; set; } = 900;

    /// How often alerts are re-evaluated to tell admins (and the log) when one starts or ends.
    public int IntervalSeconds { get; set; } = 60;

    /// Fewer requests (or connections) than this in the window break no threshold: one failure is not a rate.
    public int MinSamples { get; set; } = 20;

    public TimeSpan Window => TimeSpan.FromSeconds(WindowSeconds);

    public static bool IsValid(AlertOptions o) =>
        o.ErrorRatePercent is >= 0 and <= 100 && o.WebSocketDisconnectRatePercent is >= 0 and <= 100 &&
        o.ApiP95Ms > 0 && o.TaskUpdateP95Ms > 0 && o.DbQueryMs > 0 && o.WindowSeconds >= 1 && o.IntervalSeconds >= 1 && o.MinSamples >= 1;
}
