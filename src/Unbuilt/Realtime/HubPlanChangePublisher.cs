using Unbuilt.Accounts;
using Microsoft.AspNetCore.SignalR;
using Unbuilt.Plans.Changes;

namespace Unbuilt.Realtime;

/// Sends each committed plan change to the plan's group (through the Redis backplane when there are several nodes).
/// Called after commit, so a client never sees a change that did not happen. A change of members, or the plan's
/// deletion, also has the plan's live connections checked again (a removed member stops receiving its events).
public sealed partial class HubPlanChangePublisher(IHubContext<PlansHub> hub, IAccessChanges access, ILogger<HubPlanChangePublisher> logger)
    : IPlanChangePublisher
{
    public async ValueTask PublishAsync(PlanChange change, CancellationToken ct)
    {
        try
        {
            // Not the request's token: the change is committed and must go out even if its author has gone.
            await hub.Clients.Group(PlanGroups.Plan(change.PlanId)).SendAsync(HubMethods.PlanEvent, change, CancellationToken.None);
            if (change.Type.StartsWith("member.", StringComparison.Ordinal) || change.Type == "plan.deleted") access.PlanChanged(change.PlanId);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A lost event is recovered by clients through the version gap; the write itself stands.
            LogFailed(logger, e, change.PlanId, change.Version);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send change {Version} of plan {PlanId} to live clients")]
    private static partial void LogFailed(ILogger logger, Exception exception, int planId, int version);
}
