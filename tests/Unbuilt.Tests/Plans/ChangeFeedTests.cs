using System.Net.Http.Json;

namespace Unbuilt.Tests.Plans;

/// History (newest first) and catch-up (every change after a version, as the envelopes live clients get).
public sealed class ChangeFeedTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task Changes_since_a_version_replay_each_operation_in_order_with_before_and_after()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var t = Tasks(plan).Select(Id).ToList();
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{t[0]}", new { title = "First edit" }));
        await OkJson(client.PostAsJsonAsync($"/api/tasks/{t[1]}/dependencies", new { prerequisiteTaskId = t[0] }));
        await client.DeleteAsync($"/api/tasks/{t[0]}");

        var feed = await OkJson(client.GetAsync($"/api/plans/{Id(plan)}/changes?since={Version(plan)}"));

        Assert.Equal(Version(plan) + 3, feed.GetProperty("version").GetInt32());
        Assert.False(feed.GetProperty("hasMore").GetBoolean());
        var changes = feed.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(["task.updated", "dependency.added", "task.deleted"], changes.Select(c => c.GetProperty("type").GetString()));
        Assert.Equal([Version(plan) + 1, Version(plan) + 2, Version(plan) + 3], changes.Select(c => c.GetProperty("version").GetInt32()));
        var edit = changes[0].GetProperty("data").GetProperty("changes")[0];
        Assert.Equal("First edit", edit.GetProperty("after").GetProperty("title").GetString());
        Assert.Equal(Tasks(plan)[0].GetProperty("title").GetString(), edit.GetProperty("before").GetProperty("title").GetString());
        var deletion = changes[2].GetProperty("data").GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("action").GetString());
        Assert.Equal(["dependency.removed", "task.deleted"], deletion);
    }

    [Fact]
    public async Task Changes_from_zero_include_the_creation_and_a_bad_since_is_400()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);

        var feed = await OkJson(client.GetAsync($"/api/plans/{Id(plan)}/changes?since=0"));

        Assert.Equal("plan.created", feed.GetProperty("changes")[0].GetProperty("type").GetString());
        Assert.Equal(Tasks(plan).Count + 1, feed.GetProperty("changes")[0].GetProperty("data").GetProperty("changes").GetArrayLength());
        await AssertProblem(await client.GetAsync($"/api/plans/{Id(plan)}/changes?since=-1"), 400);
        await AssertProblem(await client.GetAsync($"/api/plans/{Id(plan)}/changes"), 400);
    }

    [Fact]
    public async Task History_is_newest_first_and_pages_by_before()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var taskId = Id(Tasks(plan)[0]);
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { status = "inProgress" }));
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { status = "completed" }));

        var page = (await OkJson(client.GetAsync($"/api/plans/{Id(plan)}/history?limit=2&taskId={taskId}"))).EnumerateArray().ToList();
        Assert.Equal(["completed", "inProgress"], page.Select(e => e.GetProperty("after").GetProperty("status").GetString()));
        var older = (await OkJson(client.GetAsync($"/api/plans/{Id(plan)}/history?taskId={taskId}&before={page[1].GetProperty("id").GetInt64()}"))).EnumerateArray().ToList();
        Assert.Equal("task.created", older.Single().GetProperty("action").GetString());
        await AssertProblem(await client.GetAsync($"/api/plans/{Id(plan)}/history?limit=0"), 400);
    }
}
