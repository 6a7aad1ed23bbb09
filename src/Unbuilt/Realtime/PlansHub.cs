using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Accounts;
using Unbuilt.Data;
using Unbuilt.Flags;
using Unbuilt.Plans;
using Unbuilt.Plans.Changes;

namespace Unbuilt.Realtime;

/// `/hubs/plans`: a client joins the plans it may read and receives one `PlanEvent` per committed change, plus
/// `presence.changed` as viewers come and go, and `FeatureChanged` when a flag's answer for its user changes.
[Authorize]
public sealed class PlansHub(
    UnbuiltDbContext db, PresenceTracker presence, PresenceNotifier notifier, IPresenceAnnouncer otherNodes, ConnectedUsers users,
    RealtimeCounters counters, FlagSnapshotStore flags, RealtimeOptions options)
    : Hub
{
    public const string Path = "/hubs/plans";

    public async Task JoinPlan(int planId)
    {
        var userId = Context.User!.UserId();
        if (!flags.Evaluate(PlansSetup.Feature, Context.User!.FlagContext()).Enabled)
            throw new HubException($"The feature '{PlansSetup.Feature}' is not available to you.");
        if (await PlanAccess.RoleAsync(db, planId, userId, Context.ConnectionAborted) is null)
            throw new HubException($"There is no plan {planId}.");
        if (!presence.IsJoined(Context.ConnectionId, planId) && presence.JoinedCount(Context.ConnectionId) >= options.MaxJoinedPlans)
            throw new HubException($"A connection may watch at most {options.MaxJoinedPlans} plans; leave one first.");
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync(Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, PlanGroups.Plan(planId), Context.ConnectionAborted);
        presence.Join(Context.ConnectionId, planId, new PresentUser(userId, name));
        PresenceChanged(planId);
    }

    public async Task LeavePlan(int planId)
    {
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, PlanGroups.Plan(planId), Context.ConnectionAborted);
        if (presence.Leave(Context.ConnectionId, planId)) PresenceChanged(planId);
    }

    /// After a reconnect: replays, to this caller only, every change after <paramref name="sinceVersion"/>, in order.
    /// Returns the plan's current version (the caller is up to date with it once the replay has arrived).
    public async Task<int> Resume(int planId, int sinceVersion)
    {
        if (!presence.IsJoined(Context.ConnectionId, planId)) await JoinPlan(planId);
        var since = Math.Max(0, sinceVersion);
        while (true)
        {
            var page = await PlanChangeFeed.LoadAsync(db, planId, since, PlanChangeFeed.MaxPage, Context.ConnectionAborted);
            foreach (var change in page.Changes)
                await Clients.Caller.SendAsync(HubMethods.PlanEvent, change, Context.ConnectionAborted);
            if (!page.HasMore || page.Changes.Count == 0) return page.Version;
            since = page.Changes[^1].Version;
        }
    }

    public override async Task OnConnectedAsync()
    {
        users.Connected(Context.ConnectionId, Context.User!.UserId(), Context.User!.FlagContext(), flags.Current);
        counters.Opened();
        if (Context.User!.IsInRole("admin"))
            await Groups.AddToGroupAsync(Context.ConnectionId, HubAdminNotifier.AdminsGroup, Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        users.Disconnected(Context.ConnectionId);
        counters.Closed(clean: exception is null && !HubSockets.WasAborted(Context.GetHttpContext()));
        foreach (var planId in presence.Disconnect(Context.ConnectionId)) PresenceChanged(planId);
        await base.OnDisconnectedAsync(exception);
    }

    /// This node's viewers of the plan changed: the other nodes are told, and this node's connections watching it.
    private void PresenceChanged(int planId)
    {
        otherNodes.Announce(planId);
        notifier.Notify(planId, always: true);
    }
}
