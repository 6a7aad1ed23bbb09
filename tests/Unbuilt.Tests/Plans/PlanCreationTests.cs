using System.Net.Http.Json;
using Unbuilt.Data.Plans;
using Microsoft.EntityFrameworkCore;

namespace Unbuilt.Tests.Plans;

public sealed class PlanCreationTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task A_plan_is_built_from_a_search_result_with_the_template_of_its_category()
    {
        var client = await UserAsync("founder@example.com");
        var search = await SearchAsync(client);
        var result = search.GetProperty("results")[0];

        var response = await client.PostAsJsonAsync("/api/plans", new { searchResultId = Id(result) });

        Assert.Equal(201, (int)response.StatusCode);
        var plan = await ReadJson(response);
        Assert.Equal($"/api/plans/{Id(plan)}", response.Headers.Location?.OriginalString);
        Assert.Equal($"\"{Version(plan)}\"", response.Headers.ETag?.Tag);
        Assert.Equal(result.GetProperty("title").GetString(), plan.GetProperty("title").GetString());
        Assert.Equal("active", plan.GetProperty("status").GetString());
        Assert.Equal(4, Phases(plan).Count);
        Assert.All(Phases(plan), p => Assert.NotEmpty(TaskIds(p)));
        Assert.Contains(Tasks(plan), t => t.GetProperty("title").GetString()!.Contains(result.GetProperty("title").GetString()!, StringComparison.Ordinal)
            || t.GetProperty("description").GetString()!.Contains(result.GetProperty("targetAudience").GetString()!, StringComparison.Ordinal));
        Assert.DoesNotContain(Tasks(plan), t => t.GetProperty("title").GetString()!.Contains('{', StringComparison.Ordinal));
        Assert.All(Tasks(plan), t => Assert.Equal("notStarted", t.GetProperty("status").GetString()));
        Assert.Equal(Tasks(plan).Count, plan.GetProperty("progress").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Phases_and_tasks_come_in_position_order()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);

        var phaseKeys = Phases(plan).Select(p => p.GetProperty("position").GetString()!).ToList();
        Assert.Equal(phaseKeys.Order(StringComparer.Ordinal), phaseKeys);
        foreach (var phase in Phases(plan))
        {
            var keys = phase.GetProperty("tasks").EnumerateArray().Select(t => t.GetProperty("position").GetString()!).ToList();
            Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        }
    }

    [Fact]
    public async Task A_named_template_wins_over_the_category()
    {
        var client = await UserAsync("founder@example.com");

        var plan = await CreatePlanAsync(client, templateId: "marketplace");

        Assert.Equal("marketplace", plan.GetProperty("templateId").GetString());
    }

    [Fact]
    public async Task The_counters_match_the_tasks()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);

        var stored = await DbAsync(db => db.ActionPlans.SingleAsync(p => p.Id == Id(plan)));

        Assert.Equal(Tasks(plan).Count, stored.TotalTasks);
        Assert.Equal(0, stored.CompletedTasks);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task A_second_active_plan_for_the_same_result_answers_409_with_the_first_ones_id()
    {
        var client = await UserAsync("founder@example.com");
        var search = await SearchAsync(client);
        var resultId = Id(search.GetProperty("results")[0]);
        var first = await OkJson(client.PostAsJsonAsync("/api/plans", new { searchResultId = resultId }));

        var problem = await AssertProblem(await client.PostAsJsonAsync("/api/plans", new { searchResultId = resultId }), 409);

        Assert.Equal(Id(first), problem.GetProperty("existingPlanId").GetInt32());
        Assert.Equal(1, await DbAsync(db => db.ActionPlans.CountAsync()));
    }

    [Fact]
    public async Task Archiving_the_plan_frees_the_result_for_a_new_one()
    {
        var client = await UserAsync("founder@example.com");
        var search = await SearchAsync(client);
        var resultId = Id(search.GetProperty("results")[0]);
        var first = await OkJson(client.PostAsJsonAsync("/api/plans", new { searchResultId = resultId }));
        await OkJson(client.PatchAsJsonAsync($"/api/plans/{Id(first)}", new { status = "archived" }));

        var second = await client.PostAsJsonAsync("/api/plans", new { searchResultId = resultId });

        Assert.Equal(201, (int)second.StatusCode);
        var reopen = await AssertProblem(await client.PatchAsJsonAsync($"/api/plans/{Id(first)}", new { status = "active" }), 409);
        Assert.Equal(Id(await ReadJson(second)), reopen.GetProperty("existingPlanId").GetInt32());
    }

    [Fact]
    public async Task Another_users_search_result_is_not_found()
    {
        var owner = await UserAsync("owner@example.com");
        var stranger = await UserAsync("stranger@example.com");
        var resultId = Id((await SearchAsync(owner)).GetProperty("results")[0]);

        await AssertProblem(await stranger.PostAsJsonAsync("/api/plans", new { searchResultId = resultId }), 404);
        Assert.Equal(0, await DbAsync(db => db.ActionPlans.CountAsync()));
    }

    [Fact]
    public async Task Bad_requests_name_the_fields()
    {
        var client = await UserAsync("founder@example.com");
        var resultId = Id((await SearchAsync(client)).GetProperty("results")[0]);

        var missing = await AssertProblem(await client.PostAsJsonAsync("/api/plans", new { }), 400);
        Assert.True(missing.GetProperty("errors").TryGetProperty("searchResultId", out _));
        var template = await AssertProblem(await client.PostAsJsonAsync("/api/plans", new { searchResultId = resultId, templateId = "nope" }), 400);
        Assert.True(template.GetProperty("errors").TryGetProperty("templateId", out _));
        var title = await AssertProblem(await client.PostAsJsonAsync("/api/plans", new { searchResultId = resultId, title = "  " }), 400);
        Assert.True(title.GetProperty("errors").TryGetProperty("title", out _));
        Assert.Equal(0, await DbAsync(db => db.ActionPlans.CountAsync(p => p.Status == PlanStatus.Active)));
    }
}
