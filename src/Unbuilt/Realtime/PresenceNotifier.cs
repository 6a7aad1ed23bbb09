using System.Runtime.InteropServices;
using Microsoft.AspNetCore.SignalR;

namespace Unbuilt.Realtime;

/// Sends `presence.changed` to this node's connections watching a plan, naming the plan's viewers on every node.
/// Each node tells only its own connections, one by one (a send to a local connection goes straight to its socket,
/// never through Redis), so nodes never race each other with different lists. Sends run in the background, one at
/// a time per plan, each with the list as it is when it starts; a change during a send makes another, so the last
/// list a connection receives is the current one.
public sealed partial class PresenceNotifier(
    PresenceTracker local, RemotePresence remote, IHubContext<PlansHub> hub, ILogger<PresenceNotifier> logger)
{
    private sealed class PlanState
    {
        public bool Running;
        public bool Again;
        public bool Always;
        public IReadOnlyList<PresentUser>? Told;
    }

    private readonly Dictionary<int, PlanState> plans = [];

    /// Distinct users viewing the plan on any node, by id.
    public IReadOnlyList<PresentUser> Viewers(int planId) =>
        [.. local.Viewers(planId).Concat(remote.Viewers(planId)).DistinctBy(u => u.Id).OrderBy(u => u.Id)];

    /// After a join, leave or disconnect on this node, with <paramref name="always"/> (a connection that has just
    /// joined has been told nothing yet); after a change on another node, without: then only a list that differs
    /// from the last one sent goes out.
    public void Notify(int planId, bool always)
    {
        lock (plans)
        {
            ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(plans, planId, out _);
            state ??= new PlanState();
            state.Always |= always;
            if (state.Running)
            {
                state.Again = true;
                return;
            }
            state.Running = true;
        }
        _ = Task.Run(() => SendAsync(planId));
    }

    /// Plans with a send running, or with connections here and the list they were last sent (none once all have gone).
    public int PlanCount
    {
        get
        {
            lock (plans) return plans.Count;
        }
    }

    private async Task SendAsync(int planId)
    {
        while (true)
        {
            bool always;
            lock (plans)
            {
                var state = plans[planId];
                always = state.Always;
                state.Always = state.Again = false;
            }
            // Read after the flags are cleared: a change from now on asks for another round.
            var connections = local.Connections(planId);
            var viewers = Viewers(planId);
            bool send;
            lock (plans)
            {
                var state = plans[planId];
                send = always || state.Told is null || !state.Told.SequenceEqual(viewers);
                state.Told = viewers;
            }
            if (send && connections.Count > 0) await SendToAsync(connections, PresenceEvent.For(planId, viewers));
            lock (plans)
            {
                var state = plans[planId];
                if (state.Again) continue;
                state.Running = false;
                if (connections.Count == 0) plans.Remove(planId);
                return;
            }
        }
    }

    private async Task SendToAsync(IReadOnlyList<string> connections, PresenceEvent presence)
    {
        try
        {
            await Task.WhenAll(connections.Select(id => hub.Clients.Client(id).SendAsync(HubMethods.PlanEvent, presence)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, e, presence.PlanId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send the viewers of plan {PlanId} to every connection watching it here")]
    private static partial void LogFailed(ILogger logger, Exception exception, int planId);
}
