using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Realtime;

namespace Unbuilt.Tests.Realtime;

/// A connection that goes away, closed politely or dropped without a word, leaves nothing behind on the server:
/// the viewers still on the plan are told it left, and the hub's per-connection state (presence by connection and
/// by plan, connected users, open connections) comes back to empty once the last one has gone.
public sealed class DisconnectTests(UnbuiltServer server) : Plans.PlanTest(server)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    private PresenceTracker Presence => Server.Services.GetRequiredService<PresenceTracker>();

    private ConnectedUsers Users => Server.Services.GetRequiredService<ConnectedUsers>();

    private PresenceNotifier Notifier => Server.Services.GetRequiredService<PresenceNotifier>();

    private RealtimeCounters Counters => Server.Services.GetRequiredService<RealtimeCounters>();

    private async Task<(TestUser Owner, TestUser Editor, int PlanId)> SharedPlanAsync()
    {
        var owner = await TestUserAsync("owner@example.com");
        var editor = await TestUserAsync("editor@example.com");
        var plan = await CreatePlanAsync(Server.Client(owner));
        await OkJson(Server.Client(owner).PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = editor.Email, role = "editor" }));
        return (owner, editor, Id(plan));
    }

    [Fact]
    public async Task A_closed_connection_leaves_no_presence_or_connection_state()
    {
        var (owner, editor, planId) = await SharedPlanAsync();
        await using var stays = await LiveClient.ConnectAsync(Server.BaseAddress, owner.Token);
        await stays.JoinAsync(planId);
        await using var leaves = await LiveClient.ConnectAsync(Server.BaseAddress, editor.Token);
        await leaves.JoinAsync(planId);
        await stays.WaitForViewersAsync(owner.Id, editor.Id);
        var dropsBefore = Counters.Read(DateTime.MinValue).Dropped;

        await leaves.DisposeAsync();

        await stays.WaitForViewersAsync(owner.Id);
        await AssertLeftOnlyAsync(planId, owner.Id);
        Assert.Equal(dropsBefore, Counters.Read(DateTime.MinValue).Dropped); // a close, not a drop
        await stays.DisposeAsync();
        await AssertEmptyAsync();
    }

    [Fact]
    public async Task A_dropped_socket_leaves_no_presence_or_connection_state()
    {
        var (owner, editor, planId) = await SharedPlanAsync();
        await using var stays = await LiveClient.ConnectAsync(Server.BaseAddress, owner.Token);
        await stays.JoinAsync(planId);
        using var dropped = await RawHubSocket.ConnectAsync(Server.BaseAddress, editor.Token);
        await dropped.InvokeAsync("JoinPlan", planId);
        await stays.WaitForViewersAsync(owner.Id, editor.Id);
        var dropsBefore = Counters.Read(DateTime.MinValue).Dropped;

        dropped.Abort();

        await stays.WaitForViewersAsync(owner.Id);
        await AssertLeftOnlyAsync(planId, owner.Id);
        Assert.Equal(dropsBefore + 1, Counters.Read(DateTime.MinValue).Dropped); // the server saw a drop, not a close
        await stays.DisposeAsync();
        await AssertEmptyAsync();
    }

    private async Task AssertLeftOnlyAsync(int planId, int userId)
    {
        await WaitUntilAsync(() => Presence.ConnectionCount == 1 && Users.ConnectionCount == 1, "the gone connection to be forgotten");
        Assert.Equal([userId], Presence.Viewers(planId).Select(v => v.Id));
        Assert.Equal(1, Users.UserCount);
        Assert.Equal(1, Counters.Read(DateTime.MinValue).Open);
    }

    private async Task AssertEmptyAsync()
    {
        await WaitUntilAsync(() => Presence.ConnectionCount == 0 && Presence.PlanCount == 0 && Notifier.PlanCount == 0 &&
            Users.ConnectionCount == 0 && Users.UserCount == 0 && Counters.Read(DateTime.MinValue).Open == 0,
            "every connection's state to be gone");
    }

    private async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Bound,
                $"waited {Bound.TotalSeconds:0} s for {what}: presence {Presence.ConnectionCount} connections / {Presence.PlanCount} plans " +
                $"({Notifier.PlanCount} being told), " +
                $"users {Users.ConnectionCount} connections / {Users.UserCount} users, open {Counters.Read(DateTime.MinValue).Open}");
            await Task.Delay(20);
        }
    }
}
