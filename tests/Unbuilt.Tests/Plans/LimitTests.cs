using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Plans.Templates;

namespace Unbuilt.Tests.Plans;

/// Limits small enough to reach in a test (the marketplace template has 4 phases and 24 tasks, software-startup 26,
/// physical-product 25), set the way an operator sets them.
public sealed class SmallLimitsServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings =>
    [
        "Unbuilt:Limits:TasksPerPlan=25", "Unbuilt:Limits:PhasesPerPlan=4", "Unbuilt:Limits:PrerequisitesPerTask=2",
        "Unbuilt:Limits:MembersPerPlan=3", "Unbuilt:Limits:PlansPerUser=2",
    ];
}

/// Each limit reached is a 409 "Limit reached" naming it, and writes nothing; one below it still succeeds.
public sealed class LimitTests(SmallLimitsServer server) : PlanTest<SmallLimitsServer>(server)
{
    private Task<JsonElement> MarketplacePlanAsync(HttpClient client, string query = "invoicing for freelancers") =>
        CreatePlanAsync(client, query, PlanTemplates.Marketplace);

    private static Task<HttpResponseMessage> AddTask(HttpClient client, JsonElement plan, string title) =>
        client.PostAsJsonAsync($"/api/plans/{Id(plan)}/tasks", new { phaseId = Id(Phases(plan)[0]), title });

    private static async Task AssertLimit(HttpResponseMessage response, string limit, int max)
    {
        var problem = await AssertProblem(response, 409);
        Assert.Equal("Limit reached", problem.GetProperty("title").GetString());
        Assert.Equal(limit, problem.GetProperty("limit").GetString());
        Assert.Equal(max, problem.GetProperty("max").GetInt32());
        Assert.Contains($"Unbuilt:Limits:{char.ToUpperInvariant(limit[0])}{limit[1..]}", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_task_past_the_cap_is_refused_and_changes_nothing()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await MarketplacePlanAsync(client);
        Assert.Equal(24, Tasks(plan).Count);
        await OkJson(AddTask(client, plan, "The last one that fits"));
        var before = await GetPlanAsync(client, Id(plan));
        var history = await HistoryRowsAsync(Id(plan));

        await AssertLimit(await AddTask(client, plan, "One too many"), "tasksPerPlan", 25);

        var after = await GetPlanAsync(client, Id(plan));
        Assert.Equal(Version(before), Version(after));
        Assert.Equal(25, Tasks(after).Count);
        Assert.Equal(25, await DbAsync(db => db.ActionPlans.Where(p => p.Id == Id(plan)).Select(p => p.TotalTasks).SingleAsync()));
        Assert.Equal(history, await HistoryRowsAsync(Id(plan)));
    }

    [Fact]
    public async Task A_template_with_more_tasks_than_the_cap_makes_no_plan()
    {
        var client = await UserAsync("founder@example.com");
        var result = (await SearchAsync(client)).GetProperty("results")[0].GetProperty("id").GetInt32();

        await AssertLimit(await client.PostAsJsonAsync("/api/plans",
            new { searchResultId = result, templateId = PlanTemplates.SoftwareStartup }), "tasksPerPlan", 25);

        Assert.Equal(0, await DbAsync(db => db.ActionPlans.CountAsync()));
        Assert.Equal(0, await DbAsync(db => db.PlanPhases.CountAsync()));
        var exactlyAtTheCap = await OkJson(client.PostAsJsonAsync("/api/plans",
            new { searchResultId = result, templateId = PlanTemplates.PhysicalProduct }));
        Assert.Equal(25, Tasks(exactlyAtTheCap).Count);
        Assert.Equal(4, Phases(exactlyAtTheCap).Count);
    }

    [Fact]
    public async Task A_prerequisite_past_the_cap_is_refused_and_changes_nothing()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await MarketplacePlanAsync(client);
        var t = Tasks(plan).Select(Id).ToList();
        await OkJson(client.PostAsJsonAsync($"/api/tasks/{t[0]}/dependencies", new { prerequisiteTaskId = t[1] }));
        await OkJson(client.PostAsJsonAsync($"/api/tasks/{t[0]}/dependencies", new { prerequisiteTaskId = t[2] }));
        var version = Version(await GetPlanAsync(client, Id(plan)));

        await AssertLimit(await client.PostAsJsonAsync($"/api/tasks/{t[0]}/dependencies", new { prerequisiteTaskId = t[3] }),
            "prerequisitesPerTask", 2);

        Assert.Equal(version, Version(await GetPlanAsync(client, Id(plan))));
        Assert.Equal(2, await DbAsync(db => db.TaskDependencies.CountAsync()));
        await OkJson(client.PostAsJsonAsync($"/api/tasks/{t[3]}/dependencies", new { prerequisiteTaskId = t[0] }));
    }

    [Fact]
    public async Task A_member_past_the_cap_is_refused_but_a_role_change_is_not()
    {
        var owner = await UserAsync("owner@example.com");
        foreach (var name in new[] { "ada", "bob", "cy" }) await TestUserAsync($"{name}@example.com");
        var plan = await MarketplacePlanAsync(owner);
        var members = $"/api/plans/{Id(plan)}/members";
        await OkJson(owner.PostAsJsonAsync(members, new { email = "ada@example.com", role = "editor" }));
        await OkJson(owner.PostAsJsonAsync(members, new { email = "bob@example.com", role = "viewer" }));
        var version = Version(await GetPlanAsync(owner, Id(plan)));

        await AssertLimit(await owner.PostAsJsonAsync(members, new { email = "cy@example.com", role = "viewer" }), "membersPerPlan", 3);
        // An email no account uses is refused the same way, or a full plan would tell the two apart.
        await AssertLimit(await owner.PostAsJsonAsync(members, new { email = "nobody@example.com", role = "viewer" }), "membersPerPlan", 3);

        Assert.Equal(version, Version(await GetPlanAsync(owner, Id(plan))));
        Assert.Equal(3, (await OkJson(owner.GetAsync(members))).GetArrayLength());
        await OkJson(owner.PostAsJsonAsync(members, new { email = "bob@example.com", role = "editor" }));
    }

    [Fact]
    public async Task A_plan_past_the_cap_is_refused_even_with_one_archived()
    {
        var client = await UserAsync("founder@example.com");
        var first = await MarketplacePlanAsync(client, "invoicing for freelancers");
        await MarketplacePlanAsync(client, "pet insurance");
        await OkJson(client.PatchAsJsonAsync($"/api/plans/{Id(first)}", new { status = "archived" }));
        var result = (await SearchAsync(client, "meal planning")).GetProperty("results")[0].GetProperty("id").GetInt32();

        await AssertLimit(await client.PostAsJsonAsync("/api/plans",
            new { searchResultId = result, templateId = PlanTemplates.Marketplace }), "plansPerUser", 2);

        Assert.Equal(2, await DbAsync(db => db.ActionPlans.CountAsync()));
        await OkJson(client.DeleteAsync($"/api/plans/{Id(first)}"));
        await OkJson(client.PostAsJsonAsync("/api/plans", new { searchResultId = result, templateId = PlanTemplates.Marketplace }));
    }

    [Fact]
    public async Task Undo_restores_a_deleted_task_even_at_the_cap()
    {
        var owner = await UserAsync("owner@example.com");
        var editor = await UserAsync("editor@example.com");
        var plan = await MarketplacePlanAsync(owner);
        await OkJson(owner.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = "editor@example.com", role = "editor" }));
        await OkJson(AddTask(owner, plan, "Fills the plan"));
        await OkJson(owner.DeleteAsync($"/api/tasks/{Id(Tasks(plan)[0])}"));
        await OkJson(AddTask(editor, plan, "Fills it again"));

        var undone = await OkJson(owner.PostAsync($"/api/plans/{Id(plan)}/undo", null));

        Assert.Equal(26, Tasks(undone.GetProperty("plan")).Count);
        await AssertLimit(await AddTask(editor, plan, "Still refused"), "tasksPerPlan", 25);
    }

    [Fact]
    public async Task A_phase_past_the_cap_is_refused_and_changes_nothing()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await MarketplacePlanAsync(client);
        Assert.Equal(4, Phases(plan).Count);
        var history = await HistoryRowsAsync(Id(plan));

        await AssertLimit(await client.PostAsJsonAsync($"/api/plans/{Id(plan)}/phases", new { name = "Fifth" }), "phasesPerPlan", 4);

        Assert.Equal(Version(plan), Version(await GetPlanAsync(client, Id(plan))));
        Assert.Equal(history, await HistoryRowsAsync(Id(plan)));
        var emptied = Phases(plan)[3];
        await client.DeleteAsync($"/api/phases/{Id(emptied)}?moveTasksTo={Id(Phases(plan)[0])}");
        await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/phases", new { name = "Fits again" }));
    }
}

/// Fewer phases allowed than any template has.
public sealed class FewPhasesServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings => ["Unbuilt:Limits:PhasesPerPlan=3"];
}

public sealed class PhaseLimitTests(FewPhasesServer server) : PlanTest<FewPhasesServer>(server)
{
    [Fact]
    public async Task A_template_with_more_phases_than_the_cap_makes_no_plan()
    {
        var client = await UserAsync("founder@example.com");
        var result = (await SearchAsync(client)).GetProperty("results")[0].GetProperty("id").GetInt32();

        var problem = await AssertProblem(await client.PostAsJsonAsync("/api/plans", new { searchResultId = result }), 409);

        Assert.Equal("phasesPerPlan", problem.GetProperty("limit").GetString());
        Assert.Equal(3, problem.GetProperty("max").GetInt32());
        Assert.Equal(0, await DbAsync(db => db.ActionPlans.CountAsync()));
        Assert.Equal(0, await DbAsync(db => db.PlanPhases.CountAsync()));
    }
}
