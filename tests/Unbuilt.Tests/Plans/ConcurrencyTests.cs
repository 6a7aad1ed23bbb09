using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;

namespace Unbuilt.Tests.Plans;

/// Changes to one plan read without a lock and take it at their first write; one that lost the race is run again on
/// the new state. Each gets its own version, none is lost, none fails, and each is checked against what it wrote over.
public sealed class ConcurrencyTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task Simultaneous_changes_to_one_plan_all_commit_with_consecutive_versions()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        // More than PlanChangeEndpoints.OptimisticAttempts at once, so some requests end up locking first.
        var tasks = Tasks(plan).Take(12).Select(Id).ToList();

        var responses = await Task.WhenAll(tasks.Select(id => client.PatchAsJsonAsync($"/api/tasks/{id}", new { status = "completed" })));

        Assert.All(responses, r => Assert.Equal(200, (int)r.StatusCode));
        var etags = responses.Select(r => int.Parse(r.Headers.ETag!.Tag.Trim('"'), System.Globalization.CultureInfo.InvariantCulture)).Order();
        Assert.Equal(Enumerable.Range(Version(plan) + 1, tasks.Count), etags);
        var stored = await DbAsync(db => db.ActionPlans.SingleAsync());
        Assert.Equal(tasks.Count, stored.CompletedTasks);
        Assert.Equal(Version(plan) + tasks.Count, stored.Version);
        var history = await DbAsync(db => db.TaskHistory.Where(h => h.Action == "task.updated").Select(h => h.PlanVersion).ToListAsync());
        Assert.Equal(Enumerable.Range(Version(plan) + 1, tasks.Count), history.Order());
        var snapshot = await DbAsync(db => db.PlanProgressSnapshots.SingleAsync());
        Assert.Equal(tasks.Count, snapshot.CompletedTasks);
    }

    [Fact]
    public async Task Of_simultaneous_changes_made_against_one_version_exactly_one_commits_and_the_rest_get_412()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var etag = $"\"{Version(plan)}\"";

        var responses = await Task.WhenAll(Tasks(plan).Take(6).Select(t =>
            Send(client, HttpMethod.Patch, $"/api/tasks/{Id(t)}", new { title = $"Edited {Id(t)}" }, ("If-Match", etag))));

        Assert.Single(responses, r => (int)r.StatusCode == 200);
        Assert.Equal(5, responses.Count(r => (int)r.StatusCode == 412));
        var stored = await DbAsync(db => db.ActionPlans.SingleAsync());
        Assert.Equal(Version(plan) + 1, stored.Version);
        Assert.Equal(1, await DbAsync(db => db.PlanTasks.CountAsync(t => t.Title.StartsWith("Edited "))));
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
