using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Unbuilt.Plans.Reading;

namespace Unbuilt.Tests.Plans;

/// A node keeps a plan's task rows as last read, for the plan's version: a read of an unchanged plan skips them, and no
/// read ever gets rows of another version, whoever changed the plan, or another reader's role.
public sealed class PlanContentCacheTests(UnbuiltServer server) : PlanTest(server)
{
    private PlanContentCache Cache => Server.Services.GetRequiredService<PlanContentCache>();

    [Fact]
    public async Task A_second_read_of_an_unchanged_plan_comes_from_the_cache_and_says_the_same()
    {
        var client = await UserAsync("founder@example.com");
        var planId = Id(await CreatePlanAsync(client));
        var first = await (await client.GetAsync($"/api/plans/{planId}")).Content.ReadAsStringAsync();
        var hits = Cache.Hits;

        var second = await (await client.GetAsync($"/api/plans/{planId}")).Content.ReadAsStringAsync();
        var csv = await client.GetAsync($"/api/plans/{planId}/export?format=csv");

        Assert.Equal(first, second);
        Assert.Equal(200, (int)csv.StatusCode);
        Assert.Equal(hits + 2, Cache.Hits);
    }

    [Fact]
    public async Task A_change_is_read_at_once_through_the_api_or_when_another_node_committed_it()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var (planId, taskId) = (Id(plan), Id(Tasks(plan)[0]));
        await GetPlanAsync(client, planId);

        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = "Through the API" }));
        Assert.Equal("Through the API", TaskIn(await GetPlanAsync(client, planId), taskId).GetProperty("title").GetString());

        // Another node's change: the task's row and the plan's version move together in one transaction.
        await DbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var task = await db.PlanTasks.SingleAsync(t => t.Id == taskId);
            task.Title = "On another node";
            var row = await db.ActionPlans.SingleAsync(p => p.Id == planId);
            row.Version++;
            row.UpdatedAt = row.UpdatedAt.AddMilliseconds(1);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return 0;
        });
        var read = await GetPlanAsync(client, planId);

        Assert.Equal("On another node", TaskIn(read, taskId).GetProperty("title").GetString());
        Assert.Equal(Version(plan) + 2, Version(read));
    }

    [Fact]
    public async Task Each_reader_gets_its_own_role_and_a_removed_member_nothing()
    {
        var owner = await UserAsync("owner@example.com");
        var viewer = await UserAsync("viewer@example.com");
        var planId = Id(await CreatePlanAsync(owner));
        await OkJson(owner.PostAsJsonAsync($"/api/plans/{planId}/members", new { email = "viewer@example.com", role = "viewer" }));
        var viewerId = (await OkJson(owner.GetAsync($"/api/plans/{planId}/members"))).EnumerateArray()
            .Single(m => m.GetProperty("email").GetString() == "viewer@example.com").GetProperty("userId").GetInt32();

        Assert.Equal("owner", (await GetPlanAsync(owner, planId)).GetProperty("role").GetString());
        Assert.Equal("viewer", (await GetPlanAsync(viewer, planId)).GetProperty("role").GetString());
        await OkJson(owner.DeleteAsync($"/api/plans/{planId}/members/{viewerId}"));

        await AssertProblem(await viewer.GetAsync($"/api/plans/{planId}"), 404);
        await AssertProblem(await viewer.GetAsync($"/api/plans/{planId}/export?format=csv"), 404);
        await AssertProblem(await viewer.GetAsync($"/api/plans/{planId}/progress"), 404);
    }

    [Fact]
    public async Task A_plan_read_inside_a_change_is_not_kept()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var planId = Id(plan);
        var phase = Phases(plan)[0];
        var reversed = TaskIds(phase).AsEnumerable().Reverse().ToList();
        await GetPlanAsync(client, planId);

        // A reorder reads the whole plan inside its transaction; the read after it must come from the database.
        await OkJson(client.PostAsJsonAsync($"/api/plans/{planId}/tasks/reorder", new { phaseId = Id(phase), taskIds = reversed }));
        var misses = Cache.Misses;
        var read = await GetPlanAsync(client, planId);

        Assert.Equal(misses + 1, Cache.Misses);
        Assert.Equal(reversed, TaskIds(Phases(read)[0]));
    }
}

/// The cache turned off: every read goes to the database, and reads are as right as ever.
public sealed class PlanCacheOffServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings => ["Unbuilt:PlanCache:Tasks=0"];
}

public sealed class PlanCacheOffTests(PlanCacheOffServer server) : PlanTest<PlanCacheOffServer>(server)
{
    [Fact]
    public async Task With_the_cache_off_nothing_is_kept()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var cache = Server.Services.GetRequiredService<PlanContentCache>();
        var hits = cache.Hits;

        await GetPlanAsync(client, Id(plan));
        var read = await GetPlanAsync(client, Id(plan));

        Assert.Equal(hits, cache.Hits);
        Assert.Equal(Tasks(plan).Count, Tasks(read).Count);
    }
}

public sealed class PlanCacheSettingsTests() : SettingsSectionTest("Unbuilt:PlanCache")
{
    [Fact]
    public Task A_negative_size_stops_the_start() => AssertStartRefusedAsync("Tasks=-1");

    [Fact]
    public async Task The_size_set_is_used()
    {
        await using var app = await ValidAsync("Tasks=500");

        Assert.Equal(500, app.Services.GetRequiredService<IOptions<PlanCacheOptions>>().Value.Tasks);
    }
}
