namespace Unbuilt.Webhooks;

/// The `Unbuilt:Webhooks` section (environment: `Unbuilt__Webhooks__MaxAttempts`, …): how hard and how long a
/// delivery is tried, and how much may wait.
public sealed class WebhookOptions
{
    public const string Section = "Unbuilt:Webhooks";

    /// Tries per delivery (the first included) before it is marked failed.
    public int MaxAttempts { get; set; } = 6;

    /// How long one attempt may take, connecting and answering, before it counts as a network error.
    public int TimeoutSeconds { get; set; } = 10;

    /// The wait before the first retry; each further retry waits twice as long (with jitter), at most RetryMaxSeconds.
    public int RetryBaseSeconds { get; set; } = 10;

    /// The longest wait between two attempts.
    public int RetryMaxSeconds { get; set; } = 3600;

    /// Events waiting to be written as deliveries; when full, a new event is dropped and logged (never waited for).
    public int QueueCapacity { get; set; } = 1000;

    /// Deliveries this node sends at once, so one slow receiver does not hold up the others.
    public int MaxConcurrentDeliveries { get; set; } = 4;

    /// How often this node looks for due deliveries it was not told about (after a restart, or another node's).
    public int PollSeconds { get; set; } = 30;

    /// Delivered and failed deliveries are kept this long for the delivery log, then deleted.
    public int RetentionDays { get; set; } = 30;

    /// Webhooks that may exist at once.
    public int MaxWebhooks { get; set; } = 50;

    /// What PagerDuty shows as the event's source; default `unbuilt@` and the machine's name.
    public string? Source { get; set; }

    public string SourceName => string.IsNullOrWhiteSpace(Source) ? $"unbuilt@{Environment.MachineName}" : Source;

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public static bool IsValid(WebhookOptions o) =>
        o.MaxAttempts is >= 1 and <= 100 && o.TimeoutSeconds is >= 1 and <= 300 && o.RetryBaseSeconds >= 1 &&
        o.RetryMaxSeconds >= o.RetryBaseSeconds && o.QueueCapacity >= 1 && o.MaxConcurrentDeliveries is >= 1 and <= 64 &&
        o.PollSeconds >= 1 && o.RetentionDays >= 1 && o.MaxWebhooks >= 1;
}
