using System.Net.Http.Json;
using System.Text.Json;
using Unbuilt.Tests.Realtime;

namespace Unbuilt.Tests.Plans;

/// Every phase change is one operation: undone and redone exactly, and sent live with its rows.
public sealed class PhaseUndoTests(UnbuiltServer server) : PlanTest(server)
{
    /// The phases' names, descriptions and order, with the tasks (ContentAsync) in them.
    private async Task<string> ShapeAsync(HttpClient client, int planId)
    {
        var plan = await GetPlanAsync(client, planId);
        var phases = Phases(plan).Select(p => new
        {
            id = Id(p), name = p.GetProperty("name").GetString(), description = p.GetProperty("description").GetString(),
            position = p.GetProperty("position").GetString(),
        });
        return JsonSerializer.Serialize(new { phases, content = await ContentAsync(client, planId) });
    }

    private static Task<HttpResponseMessage> Undo(HttpClient client, int planId) => client.PostAsync($"/api/plans/{planId}/undo", null);

    private static Task<HttpResponseMessage> Redo(HttpClient client, int planId) => client.PostAsync($"/api/plans/{planId}/redo", null);

    [Fact]
    public async Task Each_phase_change_undoes_and_redoes_exactly()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var planId = Id(plan);
        var ids = Phases(plan).Select(Id).ToList();
        var states = new List<string> { await ShapeAsync(client, planId) };
        var changes = new Func<Task>[]
        {
            () => OkJson(client.PostAsJsonAsync($"/api/plans/{planId}/phases", new { name = "Added", afterPhaseId = ids[0] })),
            () => OkJson(client.PatchAsJsonAsync($"/api/phases/{ids[1]}", new { name = "Renamed", description = "Described" })),
            () => OkJson(client.PostAsJsonAsync($"/api/phases/{ids[0]}/move", new { afterPhaseId = ids[2] })),
            () => OkJson(client.DeleteAsync($"/api/phases/{ids[1]}?moveTasksTo={ids[2]}")),
        };
        foreach (var change in changes)
        {
            await change();
            states.Add(await ShapeAsync(client, planId));
        }

        for (var i = states.Count - 2; i >= 0; i--)
        {
            var undone = await OkJson(Undo(client, planId));
            Assert.StartsWith("phase.", undone.GetProperty("reversedType").GetString(), StringComparison.Ordinal);
            Assert.Equal(states[i], await ShapeAsync(client, planId));
        }
        for (var i = 1; i < states.Count; i++)
        {
            await OkJson(Redo(client, planId));
            Assert.Equal(states[i], await ShapeAsync(client, planId));
        }
    }

    [Fact]
    public async Task Undoing_a_deletion_brings_the_phase_back_with_its_id_and_its_tasks()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var (doomed, target) = (Id(Phases(plan)[0]), Id(Phases(plan)[1]));
        var before = await ShapeAsync(client, Id(plan));
        await OkJson(client.DeleteAsync($"/api/phases/{doomed}?moveTasksTo={target}"));

        var undone = await OkJson(Undo(client, Id(plan)));

        Assert.Equal("phase.deleted", undone.GetProperty("reversedType").GetString());
        Assert.Equal(doomed, Id(Phases(undone.GetProperty("plan"))[0]));
        Assert.Equal(before, await ShapeAsync(client, Id(plan)));
    }

    [Fact]
    public async Task Undoing_an_added_phase_that_has_tasks_now_is_refused()
    {
        var client = await UserAsync("founder@example.com");
        var other = await TestUserAsync("editor@example.com");
        var plan = await CreatePlanAsync(client);
        await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = other.Email, role = "editor" }));
        var added = await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/phases", new { name = "Added" }));
        await OkJson(Server.Client(other).PostAsJsonAsync($"/api/plans/{Id(plan)}/tasks", new { phaseId = Id(added), title = "Theirs" }));
        var shape = await ShapeAsync(client, Id(plan));

        await AssertProblem(await Undo(client, Id(plan)), 409);

        Assert.Equal(shape, await ShapeAsync(client, Id(plan)));
    }

    [Fact]
    public async Task Phase_changes_are_sent_live_with_their_rows()
    {
        var owner = await TestUserAsync("owner@example.com");
        var client = Server.Client(owner);
        var plan = await CreatePlanAsync(client);
        var ids = Phases(plan).Select(Id).ToList();
        await using var live = await LiveClient.ConnectAsync(Server.BaseAddress, owner.Token);
        await live.JoinAsync(Id(plan));

        var added = await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/phases", new { name = "Added" }));
        await OkJson(client.PatchAsJsonAsync($"/api/phases/{Id(added)}", new { name = "Renamed" }));
        await OkJson(client.PostAsJsonAsync($"/api/phases/{Id(added)}/move", new { afterPhaseId = (int?)null }));
        await OkJson(client.DeleteAsync($"/api/phases/{ids[0]}?moveTasksTo={Id(added)}"));

        var events = new List<JsonElement>();
        for (var i = 0; i < 4; i++) events.Add(await live.NextChangeAsync());
        Assert.Equal(["phase.created", "phase.updated", "phase.moved", "phase.deleted"], events.Select(e => e.GetProperty("type").GetString()));
        var created = events[0].GetProperty("data").GetProperty("changes")[0];
        Assert.Equal(Id(added), created.GetProperty("after").GetProperty("id").GetInt32());
        Assert.Equal("Added", created.GetProperty("after").GetProperty("name").GetString());
        var renamed = events[1].GetProperty("data").GetProperty("changes")[0];
        Assert.Equal("Added", renamed.GetProperty("before").GetProperty("name").GetString());
        Assert.Equal("Renamed", renamed.GetProperty("after").GetProperty("name").GetString());
        var deletion = events[3].GetProperty("data").GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("action").GetString()).ToList();
        Assert.Equal("phase.deleted", deletion[^1]);
        Assert.Equal(TaskIds(Phases(plan)[0]).Count, deletion.Count(a => a == "task.moved"));
    }
}
