using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Unbuilt.Tests.Plans;

public sealed class DependencyTests(UnbuiltServer server) : PlanTest(server)
{
    private async Task<(HttpClient Client, int PlanId, List<int> Tasks, List<string> Titles)> PlanAsync()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var tasks = Tasks(plan);
        return (client, Id(plan), tasks.Select(Id).ToList(), tasks.Select(t => t.GetProperty("title").GetString()!).ToList());
    }

    private static Task<HttpResponseMessage> Depend(HttpClient client, int task, int prerequisite) =>
        client.PostAsJsonAsync($"/api/tasks/{task}/dependencies", new { prerequisiteTaskId = prerequisite });

    [Fact]
    public async Task A_dependency_shows_on_the_task_and_blocks_it()
    {
        var (client, planId, t, _) = await PlanAsync();

        var response = await Depend(client, t[1], t[0]);

        Assert.Equal(201, (int)response.StatusCode);
        var task = await ReadJson(response);
        Assert.Equal([t[0]], task.GetProperty("prerequisiteIds").EnumerateArray().Select(e => e.GetInt32()));
        Assert.True(task.GetProperty("blocked").GetBoolean());
        var listed = (await OkJson(client.GetAsync($"/api/plans/{planId}/dependencies"))).EnumerateArray().Single();
        Assert.Equal(t[1], listed.GetProperty("taskId").GetInt32());
        Assert.False(listed.GetProperty("satisfied").GetBoolean());
    }

    [Fact]
    public async Task Self_duplicate_and_foreign_dependencies_are_refused()
    {
        var (client, _, t, _) = await PlanAsync();
        var otherPlan = await CreatePlanAsync(client, "pet insurance");
        await OkJson(Depend(client, t[1], t[0]));

        await AssertProblem(await Depend(client, t[0], t[0]), 400);
        await AssertProblem(await Depend(client, t[1], t[0]), 409);
        await AssertProblem(await Depend(client, t[1], Id(Tasks(otherPlan)[0])), 400);
        await AssertProblem(await client.PostAsJsonAsync($"/api/tasks/{t[1]}/dependencies", new { }), 400);
    }

    [Fact]
    public async Task A_cycle_is_refused_with_its_path()
    {
        var (client, planId, t, titles) = await PlanAsync();
        await OkJson(Depend(client, t[0], t[1]));
        await OkJson(Depend(client, t[1], t[2]));
        var version = Version(await GetPlanAsync(client, planId));

        var problem = await AssertProblem(await Depend(client, t[2], t[0]), 400);

        Assert.Contains($"{titles[2]} → {titles[0]} → {titles[1]} → {titles[2]}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal([t[2], t[0], t[1], t[2]], problem.GetProperty("cycle").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Equal(version, Version(await GetPlanAsync(client, planId)));
    }

    [Fact]
    public async Task Completing_a_blocked_task_is_409_listing_its_prerequisites()
    {
        var (client, planId, t, titles) = await PlanAsync();
        await OkJson(Depend(client, t[2], t[0]));
        await OkJson(Depend(client, t[2], t[1]));
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{t[1]}", new { status = "completed" }));

        var problem = await AssertProblem(await client.PatchAsJsonAsync($"/api/tasks/{t[2]}", new { status = "completed" }), 409);

        var listed = problem.GetProperty("prerequisites").EnumerateArray().ToList();
        Assert.Equal([t[0]], listed.Select(Id));
        Assert.Equal("notStarted", listed[0].GetProperty("status").GetString());
        Assert.Contains(titles[0], problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("notStarted", TaskIn(await GetPlanAsync(client, planId), t[2]).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Override_completes_it_and_the_history_says_so()
    {
        var (client, planId, t, _) = await PlanAsync();
        await OkJson(Depend(client, t[2], t[0]));

        var task = await OkJson(client.PatchAsJsonAsync($"/api/tasks/{t[2]}", new { status = "completed", @override = true }));

        Assert.Equal("completed", task.GetProperty("status").GetString());
        var entry = (await OkJson(client.GetAsync($"/api/plans/{planId}/history?limit=1"))).EnumerateArray().Single();
        Assert.Equal(t[2], entry.GetProperty("taskId").GetInt32());
        Assert.Contains("override", entry.GetProperty("note").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"#{t[0]}", entry.GetProperty("note").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_actions_are_not_started_tasks_with_every_prerequisite_done()
    {
        var (client, planId, t, _) = await PlanAsync();
        await OkJson(Depend(client, t[1], t[0]));
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{t[2]}", new { status = "inProgress" }));

        var next = (await OkJson(client.GetAsync($"/api/plans/{planId}/next"))).EnumerateArray().Select(Id).ToList();
        Assert.Contains(t[0], next);
        Assert.DoesNotContain(t[1], next);
        Assert.DoesNotContain(t[2], next);

        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{t[0]}", new { status = "skipped" }));
        next = (await OkJson(client.GetAsync($"/api/plans/{planId}/next"))).EnumerateArray().Select(Id).ToList();
        Assert.Equal(t[1], next[0]);
    }

    [Fact]
    public async Task Removing_a_dependency_unblocks_and_deleting_a_task_takes_its_links()
    {
        var (client, _, t, _) = await PlanAsync();
        await OkJson(Depend(client, t[1], t[0]));
        await OkJson(Depend(client, t[2], t[0]));

        Assert.Equal(204, (int)(await client.DeleteAsync($"/api/tasks/{t[1]}/dependencies/{t[0]}")).StatusCode);
        await AssertProblem(await client.DeleteAsync($"/api/tasks/{t[1]}/dependencies/{t[0]}"), 404);
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{t[1]}", new { status = "completed" }));

        await client.DeleteAsync($"/api/tasks/{t[0]}");
        Assert.Equal(0, await DbAsync(db => db.TaskDependencies.CountAsync()));
    }
}
