using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Realtime;

/// A user may hold `Unbuilt:Realtime:MaxConnectionsPerUser` live connections on a node. One more is closed at once
/// with a reason the client reads; closing one lets the next in, and a refused connection leaves no count behind.
public sealed class ConnectionCapTests(BoundedHubServer server) : PlanTest<BoundedHubServer>(server)
{
    private const int Cap = BoundedHubServer.MaxConnectionsPerUser;

    [Fact]
    public async Task The_connection_past_the_cap_is_refused_with_the_reason_and_one_gets_in_after_another_closes()
    {
        var user = await TestUserAsync("tabs@example.com");
        var planId = Id(await CreatePlanAsync(Server.Client(user)));
        var open = new List<LiveClient>();
        try
        {
            for (var i = 0; i < Cap; i++) open.Add(await LiveClient.ConnectAsync(Server.BaseAddress, user.Token));

            var refusal = await RefusalAsync(user);

            Assert.IsType<HubException>(refusal);
            Assert.Contains($"at most {Cap} live connections", refusal.Message);
            foreach (var client in open) await client.JoinAsync(planId); // the ones already in carry on
            await Server.WaitUntilAsync(() => Server.Users.ConnectionCount == Cap, "the refused connection to be gone");
            Assert.Equal(Cap, Server.Users.ConnectionsOf(user.Id));

            await open[0].DisposeAsync();
            open.RemoveAt(0);
            await Server.WaitUntilAsync(() => Server.Users.ConnectionsOf(user.Id) == Cap - 1, "the closed connection to be forgotten");
            open.Add(await LiveClient.ConnectAsync(Server.BaseAddress, user.Token));

            await open[^1].JoinAsync(planId);
            Assert.Equal(HubConnectionState.Connected, open[^1].Connection.State);
            Assert.False(open[^1].Closed.IsCompleted);
        }
        finally
        {
            foreach (var client in open) await client.DisposeAsync();
        }
        await Server.WaitUntilAsync(() => Server.Users.ConnectionCount == 0 && Server.Users.UserCount == 0,
            "every connection, the refused one included, to leave no count behind");
    }

    [Fact]
    public async Task Another_user_is_not_held_to_the_first_users_count()
    {
        var full = await TestUserAsync("full@example.com");
        var other = await TestUserAsync("other@example.com");
        var planId = Id(await CreatePlanAsync(Server.Client(other)));
        var open = new List<LiveClient>();
        try
        {
            for (var i = 0; i < Cap; i++) open.Add(await LiveClient.ConnectAsync(Server.BaseAddress, full.Token));
            Assert.IsType<HubException>(await RefusalAsync(full));

            for (var i = 0; i < Cap; i++) open.Add(await LiveClient.ConnectAsync(Server.BaseAddress, other.Token));
            foreach (var client in open[Cap..]) await client.JoinAsync(planId);
            Assert.Equal((Cap, Cap), (Server.Users.ConnectionsOf(full.Id), Server.Users.ConnectionsOf(other.Id)));
        }
        finally
        {
            foreach (var client in open) await client.DisposeAsync();
        }
        await Server.WaitUntilAsync(() => Server.Users.ConnectionCount == 0, "every connection to be forgotten");
    }

    /// Opens one more connection and returns why the server closed it (the close may also come with the start).
    private async Task<Exception> RefusalAsync(TestUser user)
    {
        try
        {
            await using var refused = await LiveClient.ConnectAsync(Server.BaseAddress, user.Token);
            return await refused.Closed.WaitAsync(TimeSpan.FromSeconds(10))
                ?? throw new Xunit.Sdk.XunitException("the connection past the cap was closed without a reason");
        }
        catch (HubException refusal)
        {
            return refusal;
        }
    }
}
