using System.Net.Http.Json;
using Unbuilt.Plans.Templates;

namespace Unbuilt.Tests.Plans;

/// POST /api/plans with a title and no search result: a plan of one's own, blank or from a template.
public sealed class PlanOfOwnTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task A_title_alone_makes_a_blank_plan_with_one_phase_named_Tasks()
    {
        var client = await UserAsync("founder@example.com");

        var response = await client.PostAsJsonAsync("/api/plans", new { title = "  Garden shed  ", description = "Before winter" });

        Assert.Equal(201, (int)response.StatusCode);
        var plan = await ReadJson(response);
        Assert.Equal("Garden shed", plan.GetProperty("title").GetString());
        Assert.Equal("Before winter", plan.GetProperty("description").GetString());
        Assert.Equal("owner", plan.GetProperty("role").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plan.GetProperty("searchResultId").ValueKind);
        var phase = Assert.Single(Phases(plan));
        Assert.Equal("Tasks", phase.GetProperty("name").GetString());
        Assert.Empty(Tasks(plan));
        await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/tasks", new { phaseId = Id(phase), title = "Buy wood" }));
        Assert.Contains(await OkJson(client.GetAsync("/api/plans")).ContinueWith(t => t.Result.EnumerateArray().Select(Id).ToList()), id => id == Id(plan));
    }

    [Fact]
    public async Task A_title_and_a_template_make_the_templates_phases_and_tasks()
    {
        var client = await UserAsync("founder@example.com");

        var plan = await OkJson(client.PostAsJsonAsync("/api/plans", new { title = "Cargo bikes", templateId = PlanTemplates.Marketplace }));

        var template = PlanTemplates.Find(PlanTemplates.Marketplace)!;
        Assert.Equal(template.Phases.Count, Phases(plan).Count);
        Assert.Equal(template.Phases.Sum(p => p.Tasks.Count), Tasks(plan).Count);
        Assert.Equal(PlanTemplates.Marketplace, plan.GetProperty("templateId").GetString());
        Assert.DoesNotContain("{title}", await client.GetStringAsync($"/api/plans/{Id(plan)}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Neither_title_nor_searchResultId_or_a_bad_field_is_a_400_that_makes_nothing()
    {
        var client = await UserAsync("founder@example.com");

        var problem = await AssertProblem(await client.PostAsJsonAsync("/api/plans", new { description = "No title" }), 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _));
        await AssertProblem(await client.PostAsJsonAsync("/api/plans", new { title = "  " }), 400);
        await AssertProblem(await client.PostAsJsonAsync("/api/plans", new { title = new string('t', 201) }), 400);
        await AssertProblem(await client.PostAsJsonAsync("/api/plans", new { title = "x", description = new string('d', 5001) }), 400);
        await AssertProblem(await client.PostAsJsonAsync("/api/plans", new { title = "x", templateId = "nope" }), 400);
        await AssertProblem(await client.PostAsJsonAsync("/api/plans", new { title = "x", templateId = "blank" }), 400);
        await AssertProblem(await client.PostAsJsonAsync("/api/plans", new { title = 5 }), 400);

        Assert.Equal(0, await DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ActionPlans)));
    }

    [Fact]
    public async Task A_plan_from_a_search_result_still_works_and_may_take_a_description()
    {
        var client = await UserAsync("founder@example.com");
        var resultId = (await SearchAsync(client)).GetProperty("results")[0].GetProperty("id").GetInt32();

        var plan = await OkJson(client.PostAsJsonAsync("/api/plans", new { searchResultId = resultId, description = "Mine" }));

        Assert.Equal(resultId, plan.GetProperty("searchResultId").GetInt32());
        Assert.Equal("Mine", plan.GetProperty("description").GetString());
        Assert.True(Phases(plan).Count > 1);
    }
}
