using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Unbuilt.Tests.Plans;

/// Versions, ETags, If-Match and Idempotency-Key: every change is counted once and never over a stale read.
public sealed class SafetyTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task Every_change_bumps_the_version_and_answers_with_the_new_etag()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var get = await client.GetAsync($"/api/plans/{Id(plan)}");
        Assert.Equal($"\"{Version(plan)}\"", get.Headers.ETag?.Tag);

        var patch = await client.PatchAsJsonAsync($"/api/tasks/{Id(Tasks(plan)[0])}", new { title = "Renamed" });

        Assert.Equal($"\"{Version(plan) + 1}\"", patch.Headers.ETag?.Tag);
        Assert.Equal(Version(plan) + 1, Version(await GetPlanAsync(client, Id(plan))));
    }

    [Fact]
    public async Task A_stale_if_match_is_412_with_the_current_plan_and_changes_nothing()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var taskId = Id(Tasks(plan)[0]);
        var stale = $"\"{Version(plan)}\"";
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = "Someone else's edit" }));

        var response = await Send(client, HttpMethod.Patch, $"/api/tasks/{taskId}", new { title = "Mine" }, ("If-Match", stale));

        var problem = await AssertProblem(response, 412);
        Assert.Equal(Version(plan) + 1, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal("Someone else's edit", TaskIn(problem.GetProperty("current"), taskId).GetProperty("title").GetString());
        Assert.Equal($"\"{Version(plan) + 1}\"", response.Headers.ETag?.Tag);
        Assert.Equal(Version(plan) + 1, Version(await GetPlanAsync(client, Id(plan))));
    }

    [Fact]
    public async Task A_current_if_match_goes_through()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);

        var response = await Send(client, HttpMethod.Patch, $"/api/plans/{Id(plan)}", new { title = "Launch" }, ("If-Match", $"\"{Version(plan)}\""));

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("Launch", (await ReadJson(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_replays_the_first_answer_and_applies_nothing_twice()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var body = new { phaseId = Id(Phases(plan)[0]), title = "Only once" };
        var url = $"/api/plans/{Id(plan)}/tasks";

        var first = await Send(client, HttpMethod.Post, url, body, ("Idempotency-Key", "abc-123"));
        var retry = await Send(client, HttpMethod.Post, url, body, ("Idempotency-Key", "abc-123"));

        Assert.Equal(201, (int)first.StatusCode);
        Assert.Equal(201, (int)retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal(first.Headers.Location, retry.Headers.Location);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await DbAsync(db => db.PlanTasks.CountAsync(t => t.Title == "Only once")));
        Assert.Equal(Version(plan) + 1, Version(await GetPlanAsync(client, Id(plan))));
    }

    [Fact]
    public async Task The_same_key_with_another_request_is_422()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var url = $"/api/plans/{Id(plan)}/tasks";
        await Send(client, HttpMethod.Post, url, new { phaseId = Id(Phases(plan)[0]), title = "One" }, ("Idempotency-Key", "k1"));

        await AssertProblem(await Send(client, HttpMethod.Post, url, new { phaseId = Id(Phases(plan)[0]), title = "Two" }, ("Idempotency-Key", "k1")), 422);

        Assert.Equal(0, await DbAsync(db => db.PlanTasks.CountAsync(t => t.Title == "Two")));
    }

    [Fact]
    public async Task Keys_are_per_user_and_failures_replay_too()
    {
        var client = await UserAsync("founder@example.com");
        var other = await UserAsync("other@example.com");
        var plan = await CreatePlanAsync(client);
        var taskId = Id(Tasks(plan)[0]);

        var bad = await Send(client, HttpMethod.Patch, $"/api/tasks/{taskId}", new { title = "" }, ("Idempotency-Key", "same"));
        var again = await Send(client, HttpMethod.Patch, $"/api/tasks/{taskId}", new { title = "" }, ("Idempotency-Key", "same"));
        var stranger = await Send(other, HttpMethod.Patch, $"/api/tasks/{taskId}", new { title = "" }, ("Idempotency-Key", "same"));

        Assert.Equal(400, (int)bad.StatusCode);
        Assert.Equal(400, (int)again.StatusCode);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.False(stranger.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_search_retried_with_its_key_is_not_counted_twice()
    {
        var client = await UserAsync("free@example.com", Unbuilt.Data.Accounts.Tier.Free);

        var first = await Send(client, HttpMethod.Post, "/api/search", new { query = "pets" }, ("Idempotency-Key", "s1"));
        var retry = await Send(client, HttpMethod.Post, "/api/search", new { query = "pets" }, ("Idempotency-Key", "s1"));

        Assert.Equal(await first.Content.ReadAsStringAsync(), await retry.Content.ReadAsStringAsync());
        Assert.Equal(1, await DbAsync(db => db.Searches.CountAsync()));
    }

    [Fact]
    public async Task The_operation_id_is_taken_from_the_header_and_used_once()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var taskId = Id(Tasks(plan)[0]);

        await OkJson(Send(client, HttpMethod.Patch, $"/api/tasks/{taskId}", new { title = "A" }, ("X-Operation-Id", "op-1")));

        var changes = await OkJson(client.GetAsync($"/api/plans/{Id(plan)}/changes?since={Version(plan)}"));
        Assert.Equal("op-1", changes.GetProperty("changes")[0].GetProperty("operationId").GetString());
        await AssertProblem(await Send(client, HttpMethod.Patch, $"/api/tasks/{taskId}", new { title = "B" }, ("X-Operation-Id", "op-1")), 409);
        await AssertProblem(await Send(client, HttpMethod.Patch, $"/api/tasks/{taskId}", new { title = "B" }, ("X-Operation-Id", "bad id!")), 400);
    }
}
