using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Realtime;

/// What one connection may ask of the hub (`Unbuilt:Realtime:*`): a number of plans watched at once, and a message
/// size. Past either limit that connection is told no (a join is refused, an oversized message closes it); its
/// other plans, the other connections and the server carry on.
public abstract class HubLimitsTest<TServer>(TServer server, int maxJoinedPlans, int maxMessageBytes) : PlanTest<TServer>(server)
    where TServer : UnbuiltServer
{
    [Fact]
    public async Task Joining_one_plan_past_the_limit_is_refused_and_the_joined_plans_still_get_their_changes()
    {
        var watcher = await TestUserAsync("watcher@example.com");
        var client = Server.Client(watcher);
        var plans = new List<JsonElement>();
        for (var i = 0; i <= maxJoinedPlans; i++) plans.Add(await CreatePlanAsync(client));
        var (first, last, refused) = (plans[0], plans[^2], plans[^1]);
        await using var live = await LiveClient.ConnectAsync(Server.BaseAddress, watcher.Token);
        foreach (var plan in plans[..^1]) await live.JoinAsync(Id(plan));
        await live.JoinAsync(Id(first)); // watching a plan again is not one more

        var refusal = await Assert.ThrowsAsync<HubException>(() => live.JoinAsync(Id(refused)));

        Assert.Contains($"at most {maxJoinedPlans} plans", refusal.Message);
        Assert.Equal(HubConnectionState.Connected, live.Connection.State);
        foreach (var plan in new[] { refused, first, last }) await RenameFirstTaskAsync(client, plan, "Renamed");
        Assert.Equal(Id(first), PlanOf(await live.NextChangeAsync())); // the refused plan's change, sent first, never came
        Assert.Equal(Id(last), PlanOf(await live.NextChangeAsync()));

        await live.Connection.InvokeAsync("LeavePlan", Id(first));
        await live.JoinAsync(Id(refused));
        await RenameFirstTaskAsync(client, refused, "Renamed again");
        Assert.Equal(Id(refused), PlanOf(await live.NextChangeAsync()));
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_only_its_own_connection()
    {
        var owner = await TestUserAsync("owner@example.com");
        var client = Server.Client(owner);
        var plan = await CreatePlanAsync(client);
        await using var bystander = await LiveClient.ConnectAsync(Server.BaseAddress, owner.Token);
        await bystander.JoinAsync(Id(plan));
        await using var sender = await LiveClient.ConnectAsync(Server.BaseAddress, owner.Token);
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        sender.Connection.Closed += error => Task.FromResult(closed.TrySetResult(error));

        // Under the limit, an argument that does not bind gets an error answer, and the connection stays.
        await Assert.ThrowsAsync<HubException>(() => sender.Connection.InvokeAsync("JoinPlan", Filler(maxMessageBytes - 512)));
        Assert.Equal(HubConnectionState.Connected, sender.Connection.State);

        await Assert.ThrowsAnyAsync<Exception>(() => sender.Connection.InvokeAsync("JoinPlan", Filler(maxMessageBytes + 1024)));

        Assert.NotNull(await closed.Task.WaitAsync(TimeSpan.FromSeconds(10))); // the server closed it, with an error
        Assert.Equal(HubConnectionState.Connected, bystander.Connection.State);
        await RenameFirstTaskAsync(client, plan, "Renamed");
        Assert.Equal(Id(plan), PlanOf(await bystander.NextChangeAsync()));
        await using var newcomer = await LiveClient.ConnectAsync(Server.BaseAddress, owner.Token);
        await newcomer.JoinAsync(Id(plan));
    }

    private static string Filler(int bytes) => new('x', bytes);

    private static int PlanOf(JsonElement change) => change.GetProperty("planId").GetInt32();

    private static Task<JsonElement> RenameFirstTaskAsync(HttpClient client, JsonElement plan, string title) =>
        OkJson(Send(client, HttpMethod.Patch, $"/api/tasks/{Id(Tasks(plan)[0])}", new { title }));
}

/// The defaults: 20 plans, 16 KB.
public sealed class HubLimitsTests(UnbuiltServer server) : HubLimitsTest<UnbuiltServer>(server, 20, 16 * 1024);

/// Other limits, set the way an operator sets them.
public sealed class SmallHubLimitsServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings => ["Unbuilt:Realtime:MaxJoinedPlans=2", "Unbuilt:Realtime:MaxMessageBytes=4096"];
}

public sealed class ConfiguredHubLimitsTests(SmallHubLimitsServer server) : HubLimitsTest<SmallHubLimitsServer>(server, 2, 4096);
