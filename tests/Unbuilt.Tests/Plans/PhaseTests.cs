using System.Net.Http.Json;
using System.Text.Json;

namespace Unbuilt.Tests.Plans;

/// Shaping a plan's phases through the API: add, rename and describe, move, delete (with its tasks moved elsewhere).
public sealed class PhaseTests(UnbuiltServer server) : PlanTest(server)
{
    private static List<int> PhaseIds(JsonElement plan) => [.. Phases(plan).Select(Id)];

    private static Task<HttpResponseMessage> AddPhase(HttpClient client, int planId, object body) =>
        client.PostAsJsonAsync($"/api/plans/{planId}/phases", body);

    [Fact]
    public async Task A_phase_goes_last_without_afterPhaseId_first_with_null_and_after_the_one_named()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var ids = PhaseIds(plan);

        var response = await AddPhase(client, Id(plan), new { name = "  Launch party  ", description = "Cake" });
        Assert.Equal(201, (int)response.StatusCode);
        var last = await ReadJson(response);
        Assert.Equal($"/api/phases/{Id(last)}", response.Headers.Location?.OriginalString);
        Assert.Equal("Launch party", last.GetProperty("name").GetString());
        Assert.Equal("Cake", last.GetProperty("description").GetString());
        Assert.Equal(0, last.GetProperty("tasks").GetArrayLength());
        var first = await OkJson(AddPhase(client, Id(plan), new { name = "Warm-up", afterPhaseId = (int?)null }));
        var second = await OkJson(AddPhase(client, Id(plan), new { name = "Between", afterPhaseId = ids[0] }));

        var order = PhaseIds(await GetPlanAsync(client, Id(plan)));
        Assert.Equal([Id(first), ids[0], Id(second), .. ids[1..], Id(last)], order);
    }

    [Fact]
    public async Task A_phase_is_renamed_described_and_moved()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var ids = PhaseIds(plan);

        var renamed = await OkJson(client.PatchAsJsonAsync($"/api/phases/{ids[1]}", new { name = " Build it ", description = "The hard part" }));
        Assert.Equal("Build it", renamed.GetProperty("name").GetString());
        Assert.Equal("The hard part", renamed.GetProperty("description").GetString());
        Assert.Equal(TaskIds(Phases(plan)[1]), TaskIds(renamed));

        var moved = await OkJson(client.PostAsJsonAsync($"/api/phases/{ids[0]}/move", new { afterPhaseId = ids[^1] }));
        Assert.Equal(ids[0], Id(moved));
        Assert.Equal([.. ids[1..], ids[0]], PhaseIds(await GetPlanAsync(client, Id(plan))));
        await OkJson(client.PostAsJsonAsync($"/api/phases/{ids[0]}/move", new { afterPhaseId = (int?)null }));
        var after = await GetPlanAsync(client, Id(plan));
        Assert.Equal(ids, PhaseIds(after));

        // The same drop again writes nothing: no new version.
        await OkJson(client.PostAsJsonAsync($"/api/phases/{ids[0]}/move", new { afterPhaseId = (int?)null }));
        Assert.Equal(Version(after), Version(await GetPlanAsync(client, Id(plan))));
    }

    [Fact]
    public async Task Deleting_a_phase_moves_its_tasks_to_the_end_of_the_phase_named_in_their_order()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var (doomed, target) = (Phases(plan)[0], Phases(plan)[1]);
        var before = await ContentAsync(client, Id(plan));

        var refused = await AssertProblem(await client.DeleteAsync($"/api/phases/{Id(doomed)}"), 400);
        Assert.Contains($"{TaskIds(doomed).Count} tasks", refused.GetProperty("errors").GetProperty("moveTasksTo")[0].GetString());
        await AssertProblem(await client.DeleteAsync($"/api/phases/{Id(doomed)}?moveTasksTo={Id(doomed)}"), 400);
        await AssertProblem(await client.DeleteAsync($"/api/phases/{Id(doomed)}?moveTasksTo=999999"), 400);
        await AssertProblem(await client.DeleteAsync($"/api/phases/{Id(doomed)}?moveTasksTo=abc"), 400);
        Assert.Equal(before, await ContentAsync(client, Id(plan)));
        Assert.Equal(Version(plan), Version(await GetPlanAsync(client, Id(plan))));

        Assert.Equal(204, (int)(await client.DeleteAsync($"/api/phases/{Id(doomed)}?moveTasksTo={Id(target)}")).StatusCode);

        var after = await GetPlanAsync(client, Id(plan));
        Assert.DoesNotContain(Id(doomed), PhaseIds(after));
        Assert.Equal([.. TaskIds(target), .. TaskIds(doomed)], TaskIds(Phases(after).Single(p => Id(p) == Id(target))));
        var history = await OkJson(client.GetAsync($"/api/plans/{Id(plan)}/history?limit=200"));
        var rows = history.EnumerateArray().TakeWhile(h => h.GetProperty("version").GetInt32() == Version(after))
            .Select(h => h.GetProperty("action").GetString()).ToList();
        Assert.Equal(["phase.deleted", .. Enumerable.Repeat("task.moved", TaskIds(doomed).Count)], rows);
    }

    [Fact]
    public async Task An_empty_phase_deletes_directly_but_a_plans_last_phase_cannot_go()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await OkJson(client.PostAsJsonAsync("/api/plans", new { title = "Mine" }));
        var only = Id(Phases(plan).Single());
        var spare = await OkJson(AddPhase(client, Id(plan), new { name = "Spare" }));

        Assert.Equal(204, (int)(await client.DeleteAsync($"/api/phases/{Id(spare)}")).StatusCode);
        await AssertProblem(await client.DeleteAsync($"/api/phases/{only}"), 409);
        Assert.Equal([only], PhaseIds(await GetPlanAsync(client, Id(plan))));
    }

    [Fact]
    public async Task Bad_input_is_a_400_that_changes_nothing()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var ids = PhaseIds(plan);
        var rows = await HistoryRowsAsync(Id(plan));

        await AssertProblem(await AddPhase(client, Id(plan), new { }), 400);
        await AssertProblem(await AddPhase(client, Id(plan), new { name = "   " }), 400);
        await AssertProblem(await AddPhase(client, Id(plan), new { name = new string('n', 201) }), 400);
        await AssertProblem(await AddPhase(client, Id(plan), new { name = "x", description = new string('d', 2001) }), 400);
        await AssertProblem(await AddPhase(client, Id(plan), new { name = "x", afterPhaseId = 999999 }), 400);
        await AssertProblem(await AddPhase(client, Id(plan), new { name = "x", afterPhaseId = "first" }), 400);
        await AssertProblem(await client.PatchAsJsonAsync($"/api/phases/{ids[0]}", new { }), 400);
        await AssertProblem(await client.PatchAsJsonAsync($"/api/phases/{ids[0]}", new { name = "" }), 400);
        await AssertProblem(await client.PatchAsJsonAsync($"/api/phases/{ids[0]}", new { name = 5 }), 400);
        await AssertProblem(await client.PostAsJsonAsync($"/api/phases/{ids[0]}/move", new { afterPhaseId = ids[0] }), 400);
        await AssertProblem(await client.PostAsJsonAsync($"/api/phases/{ids[0]}/move", new { afterPhaseId = 999999 }), 400);
        using (var broken = new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json"))
            await AssertProblem(await client.PostAsync($"/api/plans/{Id(plan)}/phases", broken), 400);

        Assert.Equal(rows, await HistoryRowsAsync(Id(plan)));
        Assert.Equal(ids, PhaseIds(await GetPlanAsync(client, Id(plan))));
    }

    [Fact]
    public async Task A_viewer_gets_403_and_a_stranger_404_for_every_phase_route()
    {
        var owner = await UserAsync("owner@example.com");
        var viewer = await TestUserAsync("viewer@example.com");
        var stranger = await UserAsync("stranger@example.com");
        var plan = await CreatePlanAsync(owner);
        await OkJson(owner.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = viewer.Email, role = "viewer" }));
        var (a, b) = (Id(Phases(plan)[0]), Id(Phases(plan)[1]));
        var version = Version(await GetPlanAsync(owner, Id(plan)));

        foreach (var (client, status) in new[] { (Server.Client(viewer), 403), (stranger, 404) })
        {
            await AssertProblem(await AddPhase(client, Id(plan), new { name = "Mine" }), status);
            await AssertProblem(await client.PatchAsJsonAsync($"/api/phases/{a}", new { name = "Mine" }), status);
            await AssertProblem(await client.PostAsJsonAsync($"/api/phases/{a}/move", new { afterPhaseId = b }), status);
            await AssertProblem(await client.DeleteAsync($"/api/phases/{a}?moveTasksTo={b}"), status);
        }
        await AssertProblem(await stranger.PatchAsJsonAsync("/api/phases/999999", new { name = "Mine" }), 404);
        Assert.Equal(version, Version(await GetPlanAsync(owner, Id(plan))));
    }

    [Fact]
    public async Task Exports_show_renamed_and_added_phases()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        await OkJson(client.PatchAsJsonAsync($"/api/phases/{Id(Phases(plan)[0])}", new { name = "Renamed phase" }));
        var added = await OkJson(AddPhase(client, Id(plan), new { name = "Added phase" }));
        await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/tasks", new { phaseId = Id(added), title = "Added task" }));

        var markdown = await client.GetStringAsync($"/api/plans/{Id(plan)}/export?format=markdown");
        Assert.Contains("## 1. Renamed phase", markdown, StringComparison.Ordinal);
        Assert.Contains($"## {Phases(plan).Count + 1}. Added phase", markdown, StringComparison.Ordinal);
        var csv = await client.GetStringAsync($"/api/plans/{Id(plan)}/export?format=csv");
        Assert.Contains("Added phase", csv, StringComparison.Ordinal);
        Assert.Contains("Added task", csv, StringComparison.Ordinal);
    }
}
