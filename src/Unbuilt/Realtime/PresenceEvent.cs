namespace Unbuilt.Realtime;

/// `presence.changed` travels in the same envelope as plan changes, with version 0: it is not a change to the
/// plan, so it never advances (or opens a gap in) a client's version.
public sealed record PresenceEvent(int PlanId, int Version, string Type, PresenceData Data, int ActorId, string OperationId,
    DateTime OccurredAt)
{
    public static PresenceEvent For(int planId, IReadOnlyList<PresentUser> viewers) =>
        new(planId, 0, "presence.changed", new PresenceData(viewers), 0, "", DateTime.UtcNow);
}

public sealed record PresenceData(IReadOnlyList<PresentUser> Viewers);
