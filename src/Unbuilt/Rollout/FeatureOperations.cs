using Unbuilt.Flags;
using Unbuilt.Monitoring;

namespace Unbuilt.Rollout;

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

    /// The audit actions of the flag's operations: what the error log of a feature keeps.
    public IReadOnlyList<string> AuditActionsFor(string flagName) =>
        [.. For(flagName).Select(o => o.AuditAction).OfType<string>().Distinct()];
}
