using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Unbuilt.Data.Accounts;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Realtime;

public sealed class PlansHubTests(UnbuiltServer server) : PlanTest(server)
{
    private async Task<(TestUser Owner, TestUser Editor, int PlanId, List<int> TaskIds)> SharedPlanAsync()
    {
        var owner = await TestUserAsync("owner@example.com");
        var editor = await TestUserAsync("editor@example.com");
        var plan = await CreatePlanAsync(Server.Client(owner));
        await OkJson(Server.Client(owner).PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = editor.Email, role = "editor" }));
        return (owner, editor, Id(plan), [.. Tasks(plan).Select(Id)]);
    }

    private Task<JsonElement> RenameAsync(TestUser user, int taskId, string title, string? operationId = null) =>
        OkJson(Send(Server.Client(user), HttpMethod.Patch, $"/api/tasks/{taskId}", new { title },
            operationId is null ? [] : [("X-Operation-Id", operationId)]));

    [Fact]
    public async Task Two_members_get_every_change_in_version_order()
    {
        var (owner, editor, planId, tasks) = await SharedPlanAsync();
        await using var a = await LiveClient.ConnectAsync(Server.BaseAddress, owner.Token);
        await using var b = await LiveClient.ConnectAsync(Server.BaseAddress, editor.Token);
        await a.JoinAsync(planId);
        await b.JoinAsync(planId);

        for (var i = 0; i < 5; i++) await RenameAsync(i % 2 == 0 ? owner : editor, tasks[i], $"Renamed {i}");

        foreach (var client in new[] { a, b })
        {
            var versions = new List<int>();
            for (var i = 0; i < 5; i++)
            {
                var change = await client.NextChangeAsync();
                Assert.Equal(planId, change.GetProperty("planId").GetInt32());
                Assert.Equal("task.updated", change.GetProperty("type").GetString());
                versions.Add(change.GetProperty("version").GetInt32());
            }
            Assert.Equal(Enumerable.Range(versions[0], 5), versions);
        }
    }

    [Fact]
    public async Task Concurrent_changes_to_one_plan_arrive_in_version_order()
    {
        var (owner, editor, planId, tasks) = await SharedPlanAsync();
        await using var listener = await LiveClient.ConnectAsync(Server.BaseAddress, editor.Token);
        await listener.JoinAsync(planId);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => RenameAsync(i % 2 == 0 ? owner : editor, tasks[i], $"Racing {i}")));

        var versions = new List<int>();
        for (var i = 0; i < 8; i++) versions.Add((await listener.NextChangeAsync()).GetProperty("version").GetInt32());
        Assert.Equal(Enumerable.Range(versions[0], 8), versions);
    }

    [Fact]
    public async Task The_event_carries_the_senders_operation_id_and_actor()
    {
        var (owner, editor, planId, tasks) = await SharedPlanAsync();
        await using var b = await LiveClient.ConnectAsync(Server.BaseAddress, editor.Token);
        await b.JoinAsync(planId);

        await RenameAsync(owner, tasks[0], "Mine", operationId: "op-from-tab-1");

        var change = await b.NextChangeAsync();
        Assert.Equal("op-from-tab-1", change.GetProperty("operationId").GetString());
        Assert.Equal(owner.Id, change.GetProperty("actorId").GetInt32());
    }

    [Fact]
    public async Task A_stranger_cannot_join_and_an_anonymous_connection_is_refused()
    {
        var (_, _, planId, _) = await SharedPlanAsync();
        var stranger = await TestUserAsync("stranger@example.com");
        await using var client = await LiveClient.ConnectAsync(Server.BaseAddress, stranger.Token);

        await Assert.ThrowsAsync<HubException>(() => client.JoinAsync(planId));
        await Assert.ThrowsAnyAsync<Exception>(async () => await LiveClient.ConnectAsync(Server.BaseAddress, token: null));
        await Assert.ThrowsAnyAsync<Exception>(async () => await LiveClient.ConnectAsync(Server.BaseAddress, "ubt_not-a-token"));
    }

    [Fact]
    public async Task After_a_reconnect_resume_replays_what_was_missed_in_order()
    {
        var (owner, editor, planId, tasks) = await SharedPlanAsync();
        var seen = Version(await GetPlanAsync(Server.Client(editor), planId));
        for (var i = 0; i < 3; i++) await RenameAsync(owner, tasks[i], $"While away {i}");

        await using var back = await LiveClient.ConnectAsync(Server.BaseAddress, editor.Token);
        var answer = await back.Connection.InvokeAsync<JsonElement>("Resume", planId, seen);

        var replayed = new List<int>();
        for (var i = 0; i < 3; i++) replayed.Add((await back.NextChangeAsync()).GetProperty("version").GetInt32());
        Assert.Equal([seen + 1, seen + 2, seen + 3], replayed);
        Assert.Equal(seen + 3, answer.GetProperty("version").GetInt32());
        Assert.False(answer.GetProperty("reload").GetBoolean());

        await RenameAsync(owner, tasks[3], "Live again");
        Assert.Equal(seen + 4, (await back.NextChangeAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Presence_follows_joins_leaves_and_disconnects()
    {
        var (owner, editor, planId, _) = await SharedPlanAsync();
        await using var a = await LiveClient.ConnectAsync(Server.BaseAddress, owner.Token);
        await a.JoinAsync(planId);
        Assert.Single((await a.NextPresenceAsync()).GetProperty("data").GetProperty("viewers").EnumerateArray());

        var b = await LiveClient.ConnectAsync(Server.BaseAddress, editor.Token);
        await b.JoinAsync(planId);
        var both = (await a.NextPresenceAsync()).GetProperty("data").GetProperty("viewers");
        Assert.Equal([owner.Id, editor.Id], both.EnumerateArray().Select(v => v.GetProperty("id").GetInt32()).Order());

        await b.DisposeAsync();
        var alone = (await a.NextPresenceAsync()).GetProperty("data").GetProperty("viewers");
        Assert.Equal([owner.Id], alone.EnumerateArray().Select(v => v.GetProperty("id").GetInt32()));
    }

    [Fact]
    public async Task A_rollback_tells_connected_users_the_feature_is_off()
    {
        var (owner, _, _, _) = await SharedPlanAsync();
        await using var client = await LiveClient.ConnectAsync(Server.BaseAddress, owner.Token);
        var admin = Server.Client(await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin));

        await OkJson(admin.PostAsync($"/api/feature-flags/{Flag}/rollback", null));

        var change = await client.NextFeatureChangeAsync();
        Assert.Equal(Flag, change.GetProperty("name").GetString());
        Assert.False(change.GetProperty("enabled").GetBoolean());
    }
}
