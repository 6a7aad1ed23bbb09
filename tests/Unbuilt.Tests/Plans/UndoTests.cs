using System.Net.Http.Json;

namespace Unbuilt.Tests.Plans;

/// Server-side undo and redo: per user, own operations only, each a new forward change.
public sealed class UndoTests(UnbuiltServer server) : PlanTest(server)
{
    private static Task<HttpResponseMessage> Undo(HttpClient client, int planId) => client.PostAsync($"/api/plans/{planId}/undo", null);

    private static Task<HttpResponseMessage> Redo(HttpClient client, int planId) => client.PostAsync($"/api/plans/{planId}/redo", null);

    [Fact]
    public async Task Undo_reverts_my_last_change_as_a_new_version_and_redo_reapplies_it()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var taskId = Id(Tasks(plan)[0]);
        var start = await ContentAsync(client, Id(plan));
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { status = "completed" }));
        var edited = await ContentAsync(client, Id(plan));

        var undone = await OkJson(Undo(client, Id(plan)));
        Assert.Equal("task.updated", undone.GetProperty("reversedType").GetString());
        Assert.Equal(Version(plan) + 2, Version(undone.GetProperty("plan")));
        Assert.Equal(start, await ContentAsync(client, Id(plan)));

        await OkJson(Redo(client, Id(plan)));
        Assert.Equal(edited, await ContentAsync(client, Id(plan)));
        var feed = await OkJson(client.GetAsync($"/api/plans/{Id(plan)}/changes?since={Version(plan)}"));
        Assert.Equal(["task.updated", "operation.undone", "operation.redone"],
            feed.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Undoing_a_delete_brings_the_task_back_with_its_id_place_and_dependencies()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var t = Tasks(plan).Select(Id).ToList();
        await OkJson(client.PostAsJsonAsync($"/api/tasks/{t[1]}/dependencies", new { prerequisiteTaskId = t[0] }));
        await OkJson(client.PostAsJsonAsync($"/api/tasks/{t[0]}/dependencies", new { prerequisiteTaskId = t[2] }));
        var before = await ContentAsync(client, Id(plan));
        await client.DeleteAsync($"/api/tasks/{t[0]}");

        await OkJson(Undo(client, Id(plan)));

        Assert.Equal(before, await ContentAsync(client, Id(plan)));
        await OkJson(Redo(client, Id(plan)));
        Assert.DoesNotContain(Tasks(await GetPlanAsync(client, Id(plan))), x => Id(x) == t[0]);
    }

    [Fact]
    public async Task Undo_n_then_redo_n_restores_each_state_exactly()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var phase = Phases(plan)[0];
        var ids = TaskIds(phase);
        var states = new List<string> { await ContentAsync(client, Id(plan)) };
        await OkJson(client.PostAsJsonAsync($"/api/tasks/{ids[0]}/move", new { phaseId = Id(Phases(plan)[1]), afterTaskId = (int?)null }));
        states.Add(await ContentAsync(client, Id(plan)));
        await OkJson(client.PatchAsJsonAsync($"/api/plans/{Id(plan)}", new { title = "Renamed", status = "completed" }));
        states.Add(await ContentAsync(client, Id(plan)));
        await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/tasks", new { phaseId = Id(phase), title = "New", afterTaskId = ids[1] }));
        states.Add(await ContentAsync(client, Id(plan)));

        for (var i = states.Count - 2; i >= 0; i--)
        {
            await OkJson(Undo(client, Id(plan)));
            Assert.Equal(states[i], await ContentAsync(client, Id(plan)));
        }
        await AssertProblem(await Undo(client, Id(plan)), 409);
        for (var i = 1; i < states.Count; i++)
        {
            await OkJson(Redo(client, Id(plan)));
            Assert.Equal(states[i], await ContentAsync(client, Id(plan)));
        }
        await AssertProblem(await Redo(client, Id(plan)), 409);
    }

    [Fact]
    public async Task I_undo_only_my_own_changes()
    {
        var owner = await UserAsync("owner@example.com");
        var editor = await UserAsync("editor@example.com");
        var plan = await CreatePlanAsync(owner);
        await OkJson(owner.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = "editor@example.com", role = "editor" }));
        var t = Tasks(plan).Select(Id).ToList();
        await OkJson(owner.PatchAsJsonAsync($"/api/tasks/{t[0]}", new { title = "Owner's" }));
        await OkJson(editor.PatchAsJsonAsync($"/api/tasks/{t[1]}", new { title = "Editor's" }));

        await OkJson(Undo(owner, Id(plan)));

        var after = await GetPlanAsync(owner, Id(plan));
        Assert.Equal(Tasks(plan)[0].GetProperty("title").GetString(), TaskIn(after, t[0]).GetProperty("title").GetString());
        Assert.Equal("Editor's", TaskIn(after, t[1]).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Undo_is_409_and_changes_nothing_when_someone_else_changed_the_task_since()
    {
        var owner = await UserAsync("owner@example.com");
        var editor = await UserAsync("editor@example.com");
        var plan = await CreatePlanAsync(owner);
        await OkJson(owner.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = "editor@example.com", role = "editor" }));
        var taskId = Id(Tasks(plan)[0]);
        await OkJson(owner.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = "Owner's" }));
        await OkJson(editor.PatchAsJsonAsync($"/api/tasks/{taskId}", new { status = "inProgress" }));
        var version = Version(await GetPlanAsync(owner, Id(plan)));

        var problem = await AssertProblem(await Undo(owner, Id(plan)), 409);

        Assert.Contains("someone else", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var after = await GetPlanAsync(owner, Id(plan));
        Assert.Equal(version, Version(after));
        Assert.Equal("Owner's", TaskIn(after, taskId).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_new_change_clears_the_redo_stack_and_viewers_cannot_undo()
    {
        var client = await UserAsync("founder@example.com");
        var viewer = await UserAsync("viewer@example.com");
        var plan = await CreatePlanAsync(client);
        await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = "viewer@example.com", role = "viewer" }));
        var t = Tasks(plan).Select(Id).ToList();
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{t[0]}", new { title = "One" }));
        await OkJson(Undo(client, Id(plan)));
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{t[1]}", new { title = "Two" }));

        await AssertProblem(await Redo(client, Id(plan)), 409);
        await AssertProblem(await Undo(viewer, Id(plan)), 403);
    }
}
