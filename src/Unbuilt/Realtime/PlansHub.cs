using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Plans.Access;
using Unbuilt.Accounts;
using Unbuilt.Data;
using Unbuilt.Data.Plans;
using Unbuilt.Flags;
using Unbuilt.Plans;
using Unbuilt.Plans.Changes;

namespace Unbuilt.Realtime;

/// `/hubs/plans`: a client joins the plans it may read and receives one `PlanEvent` per committed change, plus
/// `presence.changed` as viewers come and go, and `FeatureChanged` when a flag's answer for its user changes. Access
/// is checked on every JoinPlan and Resume, and LiveAccess keeps open connections within it afterwards
/// (`AccessEnded`, `AccessChanged`, `SignedOut`).
[Authorize]
public sealed class PlansHub(
    UnbuiltDbContext db, PresenceChanges presence, ConnectedUsers users, LiveConnections live, RealtimeCounters counters,
    FlagSnapshotStore flags, RealtimeOptions options, TimeProvider clock)
    : Hub
{
    public const string Path = "/hubs/plans";

    public async Task JoinPlan(int planId)
    {
        var role = await RoleAsync(planId);
        if (!presence.IsJoined(Context.ConnectionId, planId) && presence.JoinedCount(Context.ConnectionId) >= options.MaxJoinedPlans)
            throw new HubException($"A connection may watch at most {options.MaxJoinedPlans} plans; leave one first.");
        var userId = Context.User!.UserId();
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstAsync(Context.ConnectionAborted);
        await Groups.AddToGroupAsync(Context.ConnectionId, PlanGroups.Plan(planId), Context.ConnectionAborted);
        Connection.Plans[planId] = role;
        presence.Joined(Context.ConnectionId, planId, new PresentUser(userId, name));
    }

    public async Task LeavePlan(int planId)
    {
        Connection.Plans.TryRemove(planId, out _);
        await Groups.RemoveFromGroupAsync(Context.ConnectionId, PlanGroups.Plan(planId), Context.ConnectionAborted);
        presence.Left(Context.ConnectionId, planId);
    }

    /// The caller's role on the plan now, or a refusal: the feature must be on for them and they must be a member,
    /// as for a REST read; a connection being signed out may do nothing more.
    private async Task<MemberRole> RoleAsync(int planId)
    {
        if (Connection.Ending) throw new HubException("This connection has been signed out.");
        if (!flags.Evaluate(PlanFeature.Name, Context.User!.FlagContext(clock)).Enabled)
            throw new HubException($"The feature '{PlanFeature.Name}' is not available to you.");
        return await PlanAccess.RoleAsync(db, planId, Context.User!.UserId(), Context.ConnectionAborted)
            ?? throw new HubException($"There is no plan {planId}.");
    }

    private LiveConnection Connection =>
        live.Find(Context.ConnectionId) ?? throw new HubException("This connection has closed.");

    /// After a reconnect: replays, to this caller only, every change after <paramref name="sinceVersion"/>, in order,
    /// and answers with the plan's current version (the caller is up to date with it once the replay has arrived).
    /// At most MaxResumeEvents changes are replayed: a caller that missed more is sent none of them and answered
    /// Reload, and fetches the plan afresh. All or nothing, so a client never applies half a gap it must then fill.
    /// The caller joins the plan first, so every change committed while this runs reaches it live as well.
    public async Task<ResumeAnswer> Resume(int planId, int sinceVersion)
    {
        // Checked on every call, joined or not: a member removed since joining must not download the history.
        if (presence.IsJoined(Context.ConnectionId, planId)) await RoleAsync(planId);
        else await JoinPlan(planId);
        var ct = Context.ConnectionAborted;
        var since = Math.Max(0, sinceVersion);
        var left = options.MaxResumeEvents;
        if (await PlanChangeFeed.MoreThanAsync(db, planId, since, left, ct))
            return new ResumeAnswer(await PlanChangeFeed.VersionAsync(db, planId, ct), Reload: true);
        while (true)
        {
            // Bounded again here: changes committed since the check arrive live, so stopping at the limit loses none.
            var page = await PlanChangeFeed.LoadAsync(db, planId, since, Math.Min(PlanChangeFeed.MaxPage, left), ct);
            foreach (var change in page.Changes) await Clients.Caller.SendAsync(HubMethods.PlanEvent, change, ct);
            left -= page.Changes.Count;
            if (!page.HasMore || page.Changes.Count == 0 || left <= 0) return new ResumeAnswer(page.Version, Reload: false);
            since = page.Changes[^1].Version;
        }
    }

    /// A connection past the user's cap is refused: SignalR sends a HubException's message in the close, so the
    /// client can say why. SignalR skips OnDisconnectedAsync when this throws, so whatever this counted by then is
    /// uncounted here.
    public override async Task OnConnectedAsync()
    {
        var userId = Context.User!.UserId();
        if (!users.TryConnect(Context.ConnectionId, userId, Context.User!.FlagContext(clock), flags.Current, options.MaxConnectionsPerUser))
            throw new HubException(
                $"A user may have at most {options.MaxConnectionsPerUser} live connections open at once; close another tab or window and try again.");
        try
        {
            var admin = Context.User!.IsInRole("admin");
            live.Add(new LiveConnection(Context, userId, Context.User!.SessionId(), Context.User!.TokenId(), admin));
            if (admin) await Groups.AddToGroupAsync(Context.ConnectionId, HubAdminNotifier.AdminsGroup, Context.ConnectionAborted);
            await base.OnConnectedAsync();
        }
        catch
        {
            live.Remove(Context.ConnectionId);
            users.Disconnected(Context.ConnectionId);
            throw;
        }
        counters.Opened();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        users.Disconnected(Context.ConnectionId);
        live.Remove(Context.ConnectionId);
        counters.Closed(clean: exception is null && !HubSockets.WasAborted(Context.GetHttpContext()));
        presence.Disconnected(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }
}
