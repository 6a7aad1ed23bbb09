using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Realtime;

/// Resume replays at most `Unbuilt:Realtime:MaxResumeEvents` changes per call. A caller that missed more gets
/// none of them and is told to reload the plan: one call can no longer push a whole plan's history down a socket.
public sealed class ResumeLimitTests(BoundedHubServer server) : PlanTest<BoundedHubServer>(server)
{
    private const int Limit = BoundedHubServer.MaxResumeEvents;

    private async Task<(TestUser Owner, TestUser Editor, int PlanId, List<int> TaskIds, int Seen)> SharedPlanAsync()
    {
        var owner = await TestUserAsync("owner@example.com");
        var editor = await TestUserAsync("editor@example.com");
        var plan = await CreatePlanAsync(Server.Client(owner));
        await OkJson(Server.Client(owner).PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = editor.Email, role = "editor" }));
        var seen = Version(await GetPlanAsync(Server.Client(editor), Id(plan)));
        return (owner, editor, Id(plan), [.. Tasks(plan).Select(Id)], seen);
    }

    private Task<JsonElement> RenameAsync(TestUser user, int taskId, string title) =>
        OkJson(Send(Server.Client(user), HttpMethod.Patch, $"/api/tasks/{taskId}", new { title }));

    [Fact]
    public async Task Missing_more_than_the_limit_replays_nothing_and_says_reload()
    {
        var (owner, editor, planId, tasks, seen) = await SharedPlanAsync();
        for (var i = 0; i <= Limit; i++) await RenameAsync(owner, tasks[i % tasks.Count], $"While away {i}");

        await using var back = await LiveClient.ConnectAsync(Server.BaseAddress, editor.Token);
        var answer = await back.Connection.InvokeAsync<JsonElement>("Resume", planId, seen);

        Assert.True(answer.GetProperty("reload").GetBoolean());
        Assert.Equal(seen + Limit + 1, answer.GetProperty("version").GetInt32());
        // The caller is joined all the same: the next change comes live, and is the first change it hears (a
        // replayed change would have been sent before Resume's answer).
        await RenameAsync(owner, tasks[0], "Live again");
        Assert.Equal(seen + Limit + 2, (await back.NextChangeAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Resuming_from_version_zero_on_a_long_history_says_reload()
    {
        var (owner, editor, planId, tasks, seen) = await SharedPlanAsync();
        for (var i = 0; i < Limit; i++) await RenameAsync(owner, tasks[i % tasks.Count], $"Edit {i}");

        await using var client = await LiveClient.ConnectAsync(Server.BaseAddress, editor.Token);
        var answer = await client.Connection.InvokeAsync<JsonElement>("Resume", planId, 0);

        Assert.True(answer.GetProperty("reload").GetBoolean());
        Assert.Equal(seen + Limit, answer.GetProperty("version").GetInt32());
        await RenameAsync(owner, tasks[0], "Live");
        Assert.Equal(seen + Limit + 1, (await client.NextChangeAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Missing_exactly_the_limit_replays_every_change_in_order()
    {
        var (owner, editor, planId, tasks, seen) = await SharedPlanAsync();
        for (var i = 0; i < Limit; i++) await RenameAsync(owner, tasks[i % tasks.Count], $"While away {i}");

        await using var back = await LiveClient.ConnectAsync(Server.BaseAddress, editor.Token);
        var answer = await back.Connection.InvokeAsync<JsonElement>("Resume", planId, seen);

        Assert.False(answer.GetProperty("reload").GetBoolean());
        Assert.Equal(seen + Limit, answer.GetProperty("version").GetInt32());
        var replayed = new List<int>();
        for (var i = 0; i < Limit; i++) replayed.Add((await back.NextChangeAsync()).GetProperty("version").GetInt32());
        Assert.Equal(Enumerable.Range(seen + 1, Limit), replayed);
        await RenameAsync(owner, tasks[0], "Live again");
        Assert.Equal(seen + Limit + 1, (await back.NextChangeAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Resuming_when_up_to_date_replays_nothing()
    {
        var (owner, editor, planId, tasks, seen) = await SharedPlanAsync();

        await using var client = await LiveClient.ConnectAsync(Server.BaseAddress, editor.Token);
        var answer = await client.Connection.InvokeAsync<JsonElement>("Resume", planId, seen);

        Assert.Equal((seen, false), (answer.GetProperty("version").GetInt32(), answer.GetProperty("reload").GetBoolean()));
        await RenameAsync(owner, tasks[0], "Live");
        Assert.Equal(seen + 1, (await client.NextChangeAsync()).GetProperty("version").GetInt32());
    }
}
