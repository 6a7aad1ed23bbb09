namespace Unbuilt.Monitoring;

/// The named operations the routing table carries (the endpoints with `WithOperation(…)`). Read from the routing
/// table, so a new named endpoint counts without further wiring. Which of them a feature flag gates is the rollout's
/// question (Rollout/FeatureOperations), not monitoring's.
public sealed class NamedOperations(EndpointDataSource endpoints)
{
    /// Every named operation (distinct).
    public IEnumerable<OperationMetadata> All =>
        endpoints.Endpoints.Select(e => e.Metadata.GetMetadata<OperationMetadata>()).OfType<OperationMetadata>().Distinct();

    /// The operation (event type) an audit action is recorded for, by the first endpoint that names it.
    public IReadOnlyDictionary<string, string> ByAuditAction() =>
        All.Where(o => o.AuditAction is not null)
            .DistinctBy(o => o.AuditAction).ToDictionary(o => o.AuditAction!, o => o.EventType, StringComparer.Ordinal);
}
