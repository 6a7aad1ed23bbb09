using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using Unbuilt.Accounts;
using Unbuilt.Data;
using Unbuilt.FlagEngine;
using Unbuilt.Flags;

namespace Unbuilt.Realtime;

/// Keeps live connections within their users' current access. A connection is checked when it is announced that
/// its user or one of its plans changed (AccessChanges on this node; RemoteAccessChanges for what other nodes
/// announce), when flags reload (IFlagSnapshotListener), and every AccessCheckSeconds in any case (which also catches
/// what the CLI changes). LiveAccessCheck decides what each connection keeps; LiveAccessEnforcer tells and applies it.
public sealed partial class LiveAccess(
    LiveConnections connections, IServiceScopeFactory scopes, LiveAccessCheck check, LiveAccessEnforcer enforcer,
    RealtimeOptions options, TimeProvider clock, ILogger<LiveAccess> logger)
    : BackgroundService, IFlagSnapshotListener
{
    private sealed record Recheck(int? UserId, int? PlanId, bool All);

    private readonly Channel<Recheck> queue = Channel.CreateUnbounded<Recheck>(new UnboundedChannelOptions { SingleReader = true });

    /// This node's connections of the user are checked next.
    public void CheckUser(int userId) => Checked(userId: userId);

    /// This node's connections watching the plan are checked next.
    public void CheckPlan(int planId) => Checked(planId: planId);

    public void OnReloaded(FlagSnapshot snapshot) => Checked(all: true);

    private void Checked(int? userId = null, int? planId = null, bool all = false) =>
        queue.Writer.TryWrite(new Recheck(userId, planId, all));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastFull = clock.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.AccessCheck - clock.GetElapsedTime(lastFull);
            if (wait > TimeSpan.Zero) await WaitForWorkAsync(wait, stoppingToken);
            if (stoppingToken.IsCancellationRequested) break;

            var all = clock.GetElapsedTime(lastFull) >= options.AccessCheck;
            HashSet<int> users = [], plans = [];
            while (queue.Reader.TryRead(out var recheck))
            {
                all |= recheck.All;
                if (recheck.UserId is { } u) users.Add(u);
                if (recheck.PlanId is { } p) plans.Add(p);
            }
            if (all) lastFull = clock.GetTimestamp();
            var due = all ? connections.All() : [.. connections.OfUsers(users).Concat(connections.OnPlans(plans)).Distinct()];
            if (due.Count > 0) await CheckAsync(due, stoppingToken);
        }
    }

    private async Task WaitForWorkAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(wait);
        try
        {
            await queue.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // the periodic check is due, or the node is stopping
        }
    }

    private async Task CheckAsync(IReadOnlyList<LiveConnection> due, CancellationToken ct)
    {
        try
        {
            AccessVerdicts verdicts;
            await using (var scope = scopes.CreateAsyncScope())
                verdicts = await check.EvaluateAsync(scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>(), due, ct);
            await enforcer.ApplyAsync(verdicts, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // stopping
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogCheckFailed(logger, e, due.Count); // the next periodic check tries again
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not check the access of {Count} live connections; the next periodic check tries again")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, int count);
}

/// Applies what LiveAccessCheck decided: a connection whose session, token or account ended is told SignedOut and
/// closed; one that lost a plan (removed, plan deleted, feature off) leaves that plan's group and presence and is told
/// AccessEnded; a changed role is told as AccessChanged; an account that became or stopped being an admin joins or
/// leaves the admins group.
public sealed partial class LiveAccessEnforcer(IHubContext<PlansHub> hub, PresenceChanges presence, ILogger<LiveAccessEnforcer> logger)
{
    public async Task ApplyAsync(AccessVerdicts verdicts, CancellationToken ct)
    {
        foreach (var (connection, why) in verdicts.Ends) await EndAsync(connection, why, ct);
        foreach (var (connection, why) in verdicts.Leaves) await LeaveAsync(connection, why, ct);
        foreach (var (connection, change) in verdicts.Roles)
        {
            // Left since the check read it: nothing to tell.
            if (!connection.Plans.ContainsKey(change.PlanId)) continue;
            connection.Plans[change.PlanId] = change.Role;
            await hub.Clients.Client(connection.Id).SendAsync(HubMethods.AccessChanged, change, CancellationToken.None);
        }
        foreach (var (connection, admin) in verdicts.Admins) await SetAdminAsync(connection, admin, ct);
    }

    /// Out of every group first, so nothing more reaches it; then told why, then closed (the client does not reconnect).
    private async Task EndAsync(LiveConnection connection, SignedOut why, CancellationToken ct)
    {
        if (!connection.TryBeginEnding()) return;
        foreach (var planId in connection.Plans.Keys) await LeavePlanAsync(connection, planId, ct);
        if (connection.InAdmins) await SetAdminAsync(connection, false, ct);
        LogEnded(logger, connection.UserId, why.Reason);
        try
        {
            await hub.Clients.Client(connection.Id).SendAsync(HubMethods.SignedOut, why, CancellationToken.None);
        }
        finally
        {
            connection.Context.Abort();
        }
    }

    private async Task LeaveAsync(LiveConnection connection, AccessEnded why, CancellationToken ct)
    {
        if (!await LeavePlanAsync(connection, why.PlanId, ct)) return;
        await hub.Clients.Client(connection.Id).SendAsync(HubMethods.AccessEnded, why, CancellationToken.None);
    }

    private async Task<bool> LeavePlanAsync(LiveConnection connection, int planId, CancellationToken ct)
    {
        if (!connection.Plans.TryRemove(planId, out _)) return false;
        await ChangeGroupAsync(connection, PlanGroups.Plan(planId), join: false, ct);
        presence.Left(connection.Id, planId);
        return true;
    }

    private async Task SetAdminAsync(LiveConnection connection, bool admin, CancellationToken ct)
    {
        connection.InAdmins = admin;
        await ChangeGroupAsync(connection, HubAdminNotifier.AdminsGroup, admin, ct);
    }

    /// A connection that has closed since the check read it is skipped: closing took it out of every group, and with
    /// Redis the backplane would ask the other nodes for a connection none of them holds and wait 30 s for their
    /// answer. Closing can still race the change; then only stopping the node ends the wait.
    private async Task ChangeGroupAsync(LiveConnection connection, string group, bool join, CancellationToken ct)
    {
        if (connection.Context.ConnectionAborted.IsCancellationRequested) return;
        var change = join
            ? hub.Groups.AddToGroupAsync(connection.Id, group, CancellationToken.None)
            : hub.Groups.RemoveFromGroupAsync(connection.Id, group, CancellationToken.None);
        if (!change.IsCompleted)
            _ = change.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        await change.WaitAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Closed a live connection of user {UserId}: {Reason}")]
    private static partial void LogEnded(ILogger logger, int userId, string reason);
}

/// What other nodes announce: the users' kept sessions are read again here too, then their connections checked.
public sealed class RemoteAccessChanges(SignedInUsers signedIn, LiveAccess live) : IAccessListener
{
    public void Heard(AccessAnnouncement announcement)
    {
        foreach (var userId in announcement.Users)
        {
            signedIn.Forget(userId);
            live.CheckUser(userId);
        }
        foreach (var planId in announcement.Plans) live.CheckPlan(planId);
    }
}

/// What ends or changes access on this node, announced after commit: this node's connections are checked at once,
/// and the other nodes are told (through Redis when configured; a single node has nobody to tell).
public sealed class AccessChanges(LiveAccess live, IAccessAnnouncer otherNodes) : IAccessChanges
{
    public void UserChanged(int userId)
    {
        live.CheckUser(userId);
        otherNodes.Announce(new AccessAnnouncement([userId], []));
    }

    public void PlanChanged(int planId)
    {
        live.CheckPlan(planId);
        otherNodes.Announce(new AccessAnnouncement([], [planId]));
    }
}

/// This node's viewers, changed through one place: each join, leave or disconnect is told to the other nodes and to
/// this node's connections watching the plan.
public sealed class PresenceChanges(PresenceTracker presence, PresenceNotifier notifier, IPresenceAnnouncer otherNodes)
{
    public bool IsJoined(string connectionId, int planId) => presence.IsJoined(connectionId, planId);

    public int JoinedCount(string connectionId) => presence.JoinedCount(connectionId);

    public void Joined(string connectionId, int planId, PresentUser user)
    {
        presence.Join(connectionId, planId, user);
        Announce(planId);
    }

    public void Left(string connectionId, int planId)
    {
        if (presence.Leave(connectionId, planId)) Announce(planId);
    }

    public void Disconnected(string connectionId)
    {
        foreach (var planId in presence.Disconnect(connectionId)) Announce(planId);
    }

    private void Announce(int planId)
    {
        otherNodes.Announce(planId);
        notifier.Notify(planId, always: true);
    }
}
