using Unbuilt.Flags;

namespace Unbuilt.Monitoring;

/// Which named operations belong to which feature: the endpoints behind `RequireFeature(flag)` that carry
/// `WithOperation(…)`. Read from the routing table, so a new gated endpoint counts without further wiring.
public sealed class FeatureOperations(EndpointDataSource endpoints)
{
    /// The operations gated by the flag (distinct), or none when no endpoint names it.
    public IReadOnlyList<OperationMetadata> For(string flagName) =>
        [.. endpoints.Endpoints
            .Where(e => e.Metadata.GetOrderedMetadata<RequiredFeature>().Any(f => f.FlagName == flagName))
            .Select(e => e.Metadata.GetMetadata<OperationMetadata>())
            .OfType<OperationMetadata>()
            .Distinct()];

    /// The event types of the flag's operations.
    public IReadOnlyList<string> EventTypesFor(string flagName) => [.. For(flagName).Select(o => o.EventType).Distinct()];

    /// The operation (event type) an audit action is recorded for, by the first endpoint that names it.
    public IReadOnlyDictionary<string, string> OperationByAuditAction() =>
        endpoints.Endpoints.Select(e => e.Metadata.GetMetadata<OperationMetadata>())
            .OfType<OperationMetadata>().Where(o => o.AuditAction is not null)
            .DistinctBy(o => o.AuditAction).ToDictionary(o => o.AuditAction!, o => o.EventType, StringComparer.Ordinal);
}
