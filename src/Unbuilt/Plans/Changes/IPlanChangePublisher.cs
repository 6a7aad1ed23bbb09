namespace Unbuilt.Plans.Changes;

/// Where committed plan changes go: called after the transaction commits (never before), once per change, in
/// version order per plan. The real-time layer (SignalR, Redis across nodes) implements it.
public interface IPlanChangePublisher
{
    ValueTask PublishAsync(PlanChange change, CancellationToken ct);
}

/// The single-node default: in-process subscribers (tests, a hub on the same node). A subscriber must not block.
public sealed class InProcessPlanChangePublisher(ILogger<InProcessPlanChangePublisher> logger) : IPlanChangePublisher
{
    public event Func<PlanChange, CancellationToken, ValueTask>? Published;

    public async ValueTask PublishAsync(PlanChange change, CancellationToken ct)
    {
        if (Published is not { } handlers) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Func<PlanChange, CancellationToken, ValueTask>>())
        {
            try
            {
                await handler(change, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The change is committed; a failing subscriber must not turn the answer into an error.
                PublisherLog.SubscriberFailed(logger, e, change.PlanId, change.Version);
            }
        }
    }
}

internal static partial class PublisherLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "A plan change subscriber failed on plan {PlanId} version {Version}")]
    public static partial void SubscriberFailed(ILogger logger, Exception exception, int planId, int version);
}
