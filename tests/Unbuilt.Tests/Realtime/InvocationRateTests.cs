using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Realtime;

/// Each connection may call the hub `Unbuilt:Realtime:InvocationsPerMinute` times a minute (a token bucket that
/// starts full). A call past that is refused with a reason; the connection stays open, and the user's other
/// connections have buckets of their own.
public sealed class InvocationRateTests(BoundedHubServer server) : PlanTest<BoundedHubServer>(server)
{
    private const int Limit = BoundedHubServer.InvocationsPerMinute;

    [Fact]
    public async Task A_flood_on_one_connection_is_told_to_slow_down_and_the_users_other_connection_is_not()
    {
        var user = await TestUserAsync("flooder@example.com");
        var planId = Id(await CreatePlanAsync(Server.Client(user)));
        await using var flooding = await LiveClient.ConnectAsync(Server.BaseAddress, user.Token);
        await using var other = await LiveClient.ConnectAsync(Server.BaseAddress, user.Token);

        var (answered, refusals) = await FloodAsync(flooding, 4 * Limit, () => flooding.JoinAsync(planId));

        Assert.True(answered >= Limit, $"only {answered} of the first calls were answered; the bucket starts with {Limit}");
        Assert.NotEmpty(refusals);
        Assert.All(refusals, refusal => Assert.Contains("slow down", refusal.Message, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HubConnectionState.Connected, flooding.Connection.State);

        // The other connection's bucket is untouched: a whole minute's worth of calls, all answered.
        for (var i = 1; i < Limit; i++) await other.Connection.InvokeAsync("LeavePlan", planId);
        await other.JoinAsync(planId);
        Assert.Equal(HubConnectionState.Connected, other.Connection.State);
    }

    [Fact]
    public async Task Every_hub_method_spends_from_the_same_bucket()
    {
        var user = await TestUserAsync("mixer@example.com");
        var planId = Id(await CreatePlanAsync(Server.Client(user)));
        await using var client = await LiveClient.ConnectAsync(Server.BaseAddress, user.Token);
        var methods = new Func<Task>[]
        {
            () => client.JoinAsync(planId),
            () => client.Connection.InvokeAsync("LeavePlan", planId),
            () => client.Connection.InvokeAsync<object>("Resume", planId, 0),
        };
        var call = 0;

        var (_, refusals) = await FloodAsync(client, 4 * Limit, () => methods[call++ % methods.Length]());

        Assert.NotEmpty(refusals);
        Assert.All(refusals, refusal => Assert.Contains("slow down", refusal.Message, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
    }

    /// Calls one after another; returns how many were answered before the first refusal, and the refusals.
    private static async Task<(int AnsweredFirst, List<HubException> Refusals)> FloodAsync(LiveClient client, int calls, Func<Task> call)
    {
        var answeredFirst = 0;
        var refusals = new List<HubException>();
        for (var i = 0; i < calls; i++)
        {
            try
            {
                await call();
                if (refusals.Count == 0) answeredFirst++;
            }
            catch (HubException refusal)
            {
                refusals.Add(refusal);
            }
        }
        Assert.Equal(HubConnectionState.Connected, client.Connection.State);
        return (answeredFirst, refusals);
    }
}
