namespace Unbuilt.Data.Monitoring;

public sealed class SecurityAuditLog : ITelemetryRow
{
    public long Id { get; set; }
    public DateTime Timestamp { get; set; }
    public int? UserId { get; set; }
    public required string Action { get; set; }
    public string? Resource { get; set; }
    public string? ResourceId { get; set; }
    /// info | warning | error | critical
    public required string Severity { get; set; }
    public bool Success { get; set; }
    public string? Details { get; set; }
    public string? Ip { get; set; }
    public string? RequestId { get; set; }
}
