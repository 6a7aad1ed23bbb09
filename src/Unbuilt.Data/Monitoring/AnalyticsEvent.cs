namespace Unbuilt.Data.Monitoring;

public sealed class AnalyticsEvent
{
    public long Id { get; set; }
    public required string EventType { get; set; }
    public int? UserId { get; set; }
    public double? ResponseTimeMs { get; set; }
    public DateTime Timestamp { get; set; }
    public string? Metadata { get; set; }
}
