namespace Unbuilt.Data.Monitoring;

/// A row each request adds (an analytics event, an audit row): what deleting it past its retention needs.
public interface ITelemetryRow
{
    long Id { get; }
    DateTime Timestamp { get; }
}
