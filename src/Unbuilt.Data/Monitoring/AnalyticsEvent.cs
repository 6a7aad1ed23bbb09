namespace Unbuilt.Data.Monitoring;

public sealed class AnalyticsEvent : ITelemetryRow
{
    public long Id { get; set; }
    public required string EventType { get; set; }
    public int? UserId { get; set; }
    public double? ResponseTimeMs { get; set; }
    /// The HTTP status the operation answered with (≥ 500 counts as an error); null for events that are not requests.
    public int? StatusCode { get; set; }
    public DateTime Timestamp { get; set; }
    public string? Metadata { get; set; }
}
