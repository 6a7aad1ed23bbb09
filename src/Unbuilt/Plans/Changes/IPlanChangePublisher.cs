namespace Unbuilt.Plans.Changes;

/// Where committed plan changes go: called after the transaction commits (never before), once per change, in
/// version order per plan. The real-time layer implements it (HubPlanChangePublisher).
public interface IPlanChangePublisher
{
    ValueTask PublishAsync(PlanChange change, CancellationToken ct);
}
