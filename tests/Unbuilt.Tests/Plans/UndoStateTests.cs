using System.Net.Http.Json;
using System.Text.Json;
using Unbuilt.Data.Plans;
using Unbuilt.Plans.Changes;
using Unbuilt.Plans.Undo;

namespace Unbuilt.Tests.Plans;

/// GET undo-state names what undo and redo would do now, chosen exactly as POST undo/redo choose.
public sealed class UndoStateTests(UnbuiltServer server) : PlanTest(server)
{
    private async Task<JsonElement> StateAsync(HttpClient client, int planId) =>
        await OkJson(client.GetAsync($"/api/plans/{planId}/undo-state"));

    private static string? Summary(JsonElement state, string side) =>
        state.GetProperty(side).ValueKind == JsonValueKind.Null ? null : state.GetProperty(side).GetProperty("summary").GetString();

    [Fact]
    public async Task A_new_plan_has_nothing_to_undo_or_redo()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);

        var state = await StateAsync(client, Id(plan));

        Assert.Null(Summary(state, "undo"));
        Assert.Null(Summary(state, "redo"));
    }

    [Fact]
    public async Task Undo_state_names_the_change_undo_reverts_and_redo_then_names_it_too()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var task = Tasks(plan)[0];
        var title = task.GetProperty("title").GetString();
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{Id(task)}", new { status = "completed" }));

        var before = await StateAsync(client, Id(plan));
        Assert.Equal($"complete '{title}'", Summary(before, "undo"));
        Assert.Equal("task.updated", before.GetProperty("undo").GetProperty("type").GetString());
        Assert.Null(Summary(before, "redo"));

        var undone = await OkJson(client.PostAsync($"/api/plans/{Id(plan)}/undo", null));
        Assert.Equal(before.GetProperty("undo").GetProperty("operationId").GetString(), undone.GetProperty("reversed").GetString());

        var after = await StateAsync(client, Id(plan));
        Assert.Equal($"complete '{title}'", Summary(after, "redo"));
        Assert.Equal(undone.GetProperty("operationId").GetString(), after.GetProperty("redo").GetProperty("operationId").GetString());
        Assert.Null(Summary(after, "undo"));
    }

    [Fact]
    public async Task Edits_deletes_moves_and_links_are_named()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var ids = Tasks(plan).Select(Id).ToList();
        var titles = Tasks(plan).Select(t => t.GetProperty("title").GetString()).ToList();

        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{ids[0]}", new { title = "Draft pitch" }));
        Assert.Equal("edit 'Draft pitch'", Summary(await StateAsync(client, Id(plan)), "undo"));

        await OkJson(client.PostAsJsonAsync($"/api/tasks/{ids[2]}/dependencies", new { prerequisiteTaskId = ids[1] }));
        Assert.Equal($"link '{titles[1]}' → '{titles[2]}'", Summary(await StateAsync(client, Id(plan)), "undo"));

        await OkJson(client.PostAsJsonAsync($"/api/tasks/{ids[3]}/move", new { phaseId = Id(Phases(plan)[1]), afterTaskId = (int?)null }));
        Assert.Equal($"move '{titles[3]}'", Summary(await StateAsync(client, Id(plan)), "undo"));

        Assert.Equal(204, (int)(await client.DeleteAsync($"/api/tasks/{ids[2]}")).StatusCode);
        Assert.Equal($"delete '{titles[2]}'", Summary(await StateAsync(client, Id(plan)), "undo"));
    }

    [Fact]
    public async Task Phase_changes_are_named_by_the_phase_even_when_tasks_moved_with_it()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var (first, second) = (Phases(plan)[0], Phases(plan)[1]);
        var firstName = first.GetProperty("name").GetString();

        var added = await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/phases", new { name = "Launch" }));
        Assert.Equal("add phase 'Launch'", Summary(await StateAsync(client, Id(plan)), "undo"));

        await OkJson(client.PatchAsJsonAsync($"/api/phases/{Id(added)}", new { name = "Go live" }));
        Assert.Equal("rename phase 'Launch' to 'Go live'", Summary(await StateAsync(client, Id(plan)), "undo"));

        await OkJson(client.PatchAsJsonAsync($"/api/phases/{Id(added)}", new { description = "Ship it" }));
        Assert.Equal("edit phase 'Go live'", Summary(await StateAsync(client, Id(plan)), "undo"));

        Assert.Equal(204, (int)(await client.DeleteAsync($"/api/phases/{Id(first)}?moveTasksTo={Id(second)}")).StatusCode);
        Assert.Equal($"delete phase '{firstName}'", Summary(await StateAsync(client, Id(plan)), "undo"));
    }

    [Fact]
    public async Task It_is_per_user_members_only_and_strangers_get_404()
    {
        var owner = await UserAsync("owner@example.com");
        var viewer = await UserAsync("viewer@example.com");
        var stranger = await UserAsync("stranger@example.com");
        var plan = await CreatePlanAsync(owner);
        await OkJson(owner.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = "viewer@example.com", role = "viewer" }));
        await OkJson(owner.PatchAsJsonAsync($"/api/tasks/{Id(Tasks(plan)[0])}", new { status = "completed" }));

        var seen = await StateAsync(viewer, Id(plan));

        Assert.Null(Summary(seen, "undo"));
        await AssertProblem(await stranger.GetAsync($"/api/plans/{Id(plan)}/undo-state"), 404);
        await AssertProblem(await stranger.GetAsync("/api/plans/999999/undo-state"), 404);
    }

    [Fact]
    public void Several_rows_of_one_kind_are_counted()
    {
        var rows = Enumerable.Range(1, 3).Select(i => new TaskHistory
        {
            Action = "task.created", TaskId = i, OperationId = "op",
            NewState = RowJson.Write(new TaskRow(i, 1, $"T{i}", "", TaskState.NotStarted, "a", null, [], null, null, true, null, null, DateTime.UtcNow)),
        }).ToList();

        Assert.Equal("add 3 tasks", OperationSummary.Of(rows, new Dictionary<int, string>(), "task.created"));
        Assert.Equal("add 'T1'", OperationSummary.Of(rows[..1], new Dictionary<int, string>(), "task.created"));
        Assert.Equal("edit the plan", OperationSummary.Of([], new Dictionary<int, string>(), "plan.updated"));
    }
}
