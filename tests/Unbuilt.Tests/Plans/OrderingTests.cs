using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Unbuilt.Tests.Plans;

public sealed class OrderingTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task A_move_writes_one_row_and_leaves_every_other_key_alone()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var phase = Phases(plan)[0];
        var ids = TaskIds(phase);
        var keysBefore = await KeysAsync(Id(plan));
        var historyBefore = await HistoryRowsAsync(Id(plan));

        var moved = await OkJson(client.PostAsJsonAsync($"/api/tasks/{ids[^1]}/move", new { phaseId = Id(phase), afterTaskId = ids[0] }));

        Assert.Equal([ids[0], ids[^1], .. ids[1..^1]], TaskIds(Phases(await GetPlanAsync(client, Id(plan)))[0]));
        var keysAfter = await KeysAsync(Id(plan));
        Assert.Equal([ids[^1]], keysAfter.Where(k => keysBefore[k.Key] != k.Value).Select(k => k.Key));
        Assert.Equal(keysAfter[ids[^1]], $"{Id(phase)}:{moved.GetProperty("position").GetString()}");
        Assert.Equal(historyBefore + 1, await HistoryRowsAsync(Id(plan)));
    }

    [Fact]
    public async Task A_task_moves_to_the_top_and_across_phases()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var (from, to) = (Phases(plan)[0], Phases(plan)[2]);
        var task = TaskIds(from)[^1];

        await OkJson(client.PostAsJsonAsync($"/api/tasks/{task}/move", new { phaseId = Id(from), afterTaskId = (int?)null }));
        Assert.Equal(task, TaskIds(Phases(await GetPlanAsync(client, Id(plan)))[0])[0]);

        var moved = await OkJson(client.PostAsJsonAsync($"/api/tasks/{task}/move", new { phaseId = Id(to), afterTaskId = TaskIds(to)[0] }));
        var after = await GetPlanAsync(client, Id(plan));
        Assert.Equal(Id(to), moved.GetProperty("phaseId").GetInt32());
        Assert.DoesNotContain(task, TaskIds(Phases(after)[0]));
        Assert.Equal(task, TaskIds(Phases(after)[2])[1]);
    }

    [Fact]
    public async Task Dropping_a_task_where_it_already_is_changes_nothing()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var ids = TaskIds(Phases(plan)[0]);

        var response = await client.PostAsJsonAsync($"/api/tasks/{ids[1]}/move", new { afterTaskId = ids[0] });

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal($"\"{Version(plan)}\"", response.Headers.ETag?.Tag);
        Assert.Equal(Version(plan), Version(await GetPlanAsync(client, Id(plan))));
    }

    [Fact]
    public async Task Bad_moves_are_400s()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var ids = TaskIds(Phases(plan)[0]);
        var otherPhase = TaskIds(Phases(plan)[1]);

        await AssertProblem(await client.PostAsJsonAsync($"/api/tasks/{ids[0]}/move", new { afterTaskId = ids[0] }), 400);
        await AssertProblem(await client.PostAsJsonAsync($"/api/tasks/{ids[0]}/move", new { afterTaskId = otherPhase[0] }), 400);
        await AssertProblem(await client.PostAsJsonAsync($"/api/tasks/{ids[0]}/move", new { phaseId = 999999 }), 400);
        // A phase of the same owner's other plan, with tasks in it, is still not a phase of this plan.
        var other = await CreatePlanAsync(client);
        var elsewhere = Phases(other)[0];
        await AssertProblem(await client.PostAsJsonAsync($"/api/tasks/{ids[0]}/move", new { phaseId = Id(elsewhere), afterTaskId = TaskIds(elsewhere)[0] }), 400);
        await AssertProblem(await client.PostAsJsonAsync($"/api/tasks/{ids[0]}/move", new { phaseId = Id(elsewhere) }), 400);
        Assert.Equal(Version(plan), Version(await GetPlanAsync(client, Id(plan))));
        Assert.Equal(TaskIds(elsewhere), TaskIds(Phases(await GetPlanAsync(client, Id(other)))[0]));
    }

    [Fact]
    public async Task A_task_moves_or_is_added_into_an_empty_phase()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var (full, emptied) = (Phases(plan)[0], Phases(plan)[1]);
        foreach (var task in TaskIds(emptied))
            await OkJson(client.PostAsJsonAsync($"/api/tasks/{task}/move", new { phaseId = Id(full), afterTaskId = (int?)null }));
        Assert.Empty(TaskIds(Phases(await GetPlanAsync(client, Id(plan)))[1]));

        var mover = TaskIds(full)[0];
        var moved = await OkJson(client.PostAsJsonAsync($"/api/tasks/{mover}/move", new { phaseId = Id(emptied), afterTaskId = (int?)null }));

        Assert.Equal(Id(emptied), moved.GetProperty("phaseId").GetInt32());
        Assert.Equal([mover], TaskIds(Phases(await GetPlanAsync(client, Id(plan)))[1]));

        // A new task goes into an empty phase the same way (found by the phase lookup, not by its tasks).
        foreach (var task in TaskIds(Phases(await GetPlanAsync(client, Id(plan)))[1]))
            await OkJson(client.PostAsJsonAsync($"/api/tasks/{task}/move", new { phaseId = Id(full), afterTaskId = (int?)null }));
        var added = await client.PostAsJsonAsync($"/api/plans/{Id(plan)}/tasks", new { phaseId = Id(emptied), title = "First of its phase" });
        Assert.Equal(201, (int)added.StatusCode);
        Assert.Single(TaskIds(Phases(await GetPlanAsync(client, Id(plan)))[1]));
    }

    [Fact]
    public async Task Reorder_puts_the_phase_in_the_given_order_writing_only_what_it_must()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var phase = Phases(plan)[0];
        var ids = TaskIds(phase);
        var incoming = TaskIds(Phases(plan)[1])[0];
        List<int> order = [ids[^1], .. ids[..^1], incoming];
        var keysBefore = await KeysAsync(Id(plan));

        var reordered = await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/tasks/reorder", new { phaseId = Id(phase), taskIds = order }));

        Assert.Equal(order, TaskIds(Phases(reordered)[0]));
        Assert.DoesNotContain(incoming, TaskIds(Phases(reordered)[1]));
        // The answer is built from the change's own entities, not read again: it must be the plan as stored.
        Assert.Equal((await GetPlanAsync(client, Id(plan))).GetRawText(), reordered.GetRawText());
        var changed = (await KeysAsync(Id(plan))).Where(k => keysBefore[k.Key] != k.Value).Select(k => k.Key).Order();
        Assert.Equal(new[] { ids[^1], incoming }.Order(), changed);
    }

    [Fact]
    public async Task Reorder_must_list_every_task_of_the_phase_once()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var phase = Phases(plan)[0];
        var ids = TaskIds(phase);
        var url = $"/api/plans/{Id(plan)}/tasks/reorder";

        await AssertProblem(await client.PostAsJsonAsync(url, new { phaseId = Id(phase), taskIds = ids[1..] }), 400);
        await AssertProblem(await client.PostAsJsonAsync(url, new { phaseId = Id(phase), taskIds = (List<int>)[.. ids, ids[0]] }), 400);
        await AssertProblem(await client.PostAsJsonAsync(url, new { phaseId = Id(phase), taskIds = (List<int>)[.. ids, 999999] }), 400);
        await AssertProblem(await client.PostAsJsonAsync(url, new { phaseId = Id(phase) }), 400);
        Assert.Equal(Version(plan), Version(await GetPlanAsync(client, Id(plan))));
    }

    private Task<Dictionary<int, string>> KeysAsync(int planId) =>
        DbAsync(db => db.PlanTasks.Where(t => t.PlanId == planId).ToDictionaryAsync(t => t.Id, t => $"{t.PhaseId}:{t.Position}"));
}
