using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Realtime;
using Unbuilt.Tests.Accounts;
using Unbuilt.Tests.Realtime;

namespace Unbuilt.Tests.ScaleOut;

/// Access that ends on one node ends on every node: a connection on node B hears of a removal, a logout or a
/// disabled account made through node A (through Redis: the cluster's periodic access check is an hour).
public sealed class AccessScaleOutTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>, IAsyncLifetime
{
    public Task InitializeAsync() => cluster.A.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_member_removed_through_node_a_stops_receiving_on_node_b()
    {
        var plan = await ClusterPlan.CreateAsync(cluster);
        var member = await plan.AddCollaboratorAsync(cluster.A, "member@example.com");
        await using var onB = await plan.WatchAsync(cluster.B, member);

        Assert.True((await cluster.A.Client(plan.Owner).DeleteAsync($"/api/plans/{plan.PlanId}/members/{member.Id}")).IsSuccessStatusCode);

        Assert.Equal("removed", (await onB.ExpectNoticeAsync("AccessEnded")).GetProperty("reason").GetString());
        await plan.RenameAsync(cluster.A, "After the removal", "op-after");
        Assert.Null(await onB.TryNextChangeAsync(c => c.GetProperty("operationId").GetString() == "op-after", TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task Logging_out_through_node_a_closes_the_sessions_connection_on_node_b()
    {
        var plan = await ClusterPlan.CreateAsync(cluster);
        var browser = new Browser(cluster.A);
        Assert.True((await browser.LoginAsync(plan.Owner.Email)).IsSuccessStatusCode);
        await using var onB = await LiveClient.ConnectWithCookieAsync(cluster.B.BaseAddress, browser.Cookie("unbuilt_auth")!);
        await onB.JoinAsync(plan.PlanId);

        Assert.True((await browser.SendAsync(HttpMethod.Post, "/api/auth/logout")).IsSuccessStatusCode);

        Assert.Equal("session-revoked", (await onB.ExpectNoticeAsync("SignedOut")).GetProperty("reason").GetString());
        await onB.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HubConnectionState.Disconnected, onB.Connection.State);
    }

    [Fact]
    public async Task A_user_disabled_through_node_a_is_closed_on_node_b()
    {
        var plan = await ClusterPlan.CreateAsync(cluster);
        var member = await plan.AddCollaboratorAsync(cluster.A, "member@example.com");
        await using var onB = await plan.WatchAsync(cluster.B, member);

        await ClusterPlan.Ok(cluster.A.Client(plan.Admin).PatchAsJsonAsync($"/api/admin/users/{member.Id}", new { disabled = true }));

        Assert.Equal("account-disabled", (await onB.ExpectNoticeAsync("SignedOut")).GetProperty("reason").GetString());
        await onB.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(401, (int)(await cluster.B.Client(member).GetAsync("/api/me")).StatusCode);
    }

    /// A check can decide about a connection that closes before its verdict is applied. The backplane answers a group
    /// change for a connection it no longer holds by asking the other nodes and waiting 30 s for a reply none sends;
    /// the node's access checks (and its shutdown) must not wait on that.
    [Fact]
    public async Task A_verdict_for_a_connection_that_has_just_closed_is_applied_without_waiting_on_the_backplane()
    {
        var plan = await ClusterPlan.CreateAsync(cluster);
        var member = await plan.AddCollaboratorAsync(cluster.A, "member@example.com");
        var connections = cluster.B.Services.GetRequiredService<LiveConnections>();
        var onB = await plan.WatchAsync(cluster.B, member);
        var connection = Assert.Single(connections.OfUsers(new HashSet<int> { member.Id }));

        await onB.DisposeAsync();
        for (var waited = 0; connections.Find(connection.Id) is not null; waited += 20)
        {
            Assert.True(waited < 10_000, "node B still lists the closed connection");
            await Task.Delay(20);
        }

        var verdicts = new AccessVerdicts();
        verdicts.Leaves.Add((connection, new AccessEnded(plan.PlanId, AccessEnded.Removed, "You were removed from this plan.")));
        verdicts.Admins.Add((connection, true));
        await cluster.B.Services.GetRequiredService<LiveAccessEnforcer>().ApplyAsync(verdicts, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));
    }
}
