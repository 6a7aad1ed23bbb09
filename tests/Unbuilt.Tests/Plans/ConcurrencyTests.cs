using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Unbuilt.Tests.Plans;

/// Changes to one plan queue up on its row: each gets its own version, none is lost, none fails.
public sealed class ConcurrencyTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task Simultaneous_changes_to_one_plan_all_commit_with_consecutive_versions()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var tasks = Tasks(plan).Take(8).Select(Id).ToList();

        var responses = await Task.WhenAll(tasks.Select(id => client.PatchAsJsonAsync($"/api/tasks/{id}", new { status = "completed" })));

        Assert.All(responses, r => Assert.Equal(200, (int)r.StatusCode));
        var etags = responses.Select(r => int.Parse(r.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(Enumerable.Range(Version(plan) + 1, tasks.Count), etags);
        var stored = await DbAsync(db => db.ActionPlans.SingleAsync());
        Assert.Equal(tasks.Count, stored.CompletedTasks);
        Assert.Equal(Version(plan) + tasks.Count, stored.Version);
    }

    [Fact]
    public async Task The_same_idempotency_key_sent_twice_at_once_applies_once()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var body = new { phaseId = Id(Phases(plan)[0]), title = "Exactly once" };

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Send(client, HttpMethod.Post, $"/api/plans/{Id(plan)}/tasks", body, ("Idempotency-Key", "race"))));

        Assert.All(responses, r => Assert.Equal(201, (int)r.StatusCode));
        Assert.Single(responses.Select(r => r.Headers.Location).Distinct());
        Assert.Equal(1, await DbAsync(db => db.PlanTasks.CountAsync(t => t.Title == "Exactly once")));
    }
}
