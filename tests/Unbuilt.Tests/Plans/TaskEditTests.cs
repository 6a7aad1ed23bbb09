using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace Unbuilt.Tests.Plans;

public sealed class TaskEditTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task A_task_is_added_where_asked_and_answered_with_201()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var phase = Phases(plan)[1];
        var first = TaskIds(phase)[0];

        var response = await client.PostAsJsonAsync($"/api/plans/{Id(plan)}/tasks", new
        {
            phaseId = Id(phase), title = "  Call the bank  ", description = "Ask about merchant fees", estimatedTime = "1 hour",
            resources = new[] { "Fee sheet" }, dueDate = "2030-01-31", afterTaskId = first,
        });

        Assert.Equal(201, (int)response.StatusCode);
        var task = await ReadJson(response);
        Assert.Equal($"/api/tasks/{Id(task)}", response.Headers.Location?.OriginalString);
        Assert.Equal("Call the bank", task.GetProperty("title").GetString());
        Assert.Equal("2030-01-31", task.GetProperty("dueDate").GetString());
        Assert.True(task.GetProperty("isCustom").GetBoolean());
        var order = TaskIds(Phases(await GetPlanAsync(client, Id(plan)))[1]);
        Assert.Equal([first, Id(task)], order.Take(2));
    }

    [Fact]
    public async Task Without_afterTaskId_a_task_goes_last_and_with_null_first()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var phaseId = Id(Phases(plan)[0]);

        var last = await OkJson(client.PostAsJsonAsync($"/api/plans/{Id(plan)}/tasks", new { phaseId, title = "Last" }));
        var first = await OkJson(client.PostAsync($"/api/plans/{Id(plan)}/tasks", JsonBody($"{{\"phaseId\":{phaseId},\"title\":\"First\",\"afterTaskId\":null}}")));

        var order = TaskIds(Phases(await GetPlanAsync(client, Id(plan)))[0]);
        Assert.Equal(Id(first), order[0]);
        Assert.Equal(Id(last), order[^1]);
    }

    [Fact]
    public async Task An_empty_title_is_a_400_with_field_errors_and_changes_nothing()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var taskId = Id(Tasks(plan)[0]);

        var created = await AssertProblem(await client.PostAsJsonAsync($"/api/plans/{Id(plan)}/tasks", new { phaseId = Id(Phases(plan)[0]), title = "" }), 400);
        var patched = await AssertProblem(await client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = " ", description = new string('x', 5001) }), 400);

        Assert.True(created.GetProperty("errors").TryGetProperty("title", out _));
        Assert.True(patched.GetProperty("errors").TryGetProperty("title", out _));
        Assert.True(patched.GetProperty("errors").TryGetProperty("description", out _));
        Assert.Equal(Version(plan), Version(await GetPlanAsync(client, Id(plan))));
    }

    [Theory]
    [InlineData("{\"status\":\"done\"}")]
    [InlineData("{\"status\":1}")]
    [InlineData("{\"dueDate\":\"tomorrow\"}")]
    [InlineData("{\"title\":42}")]
    [InlineData("{\"title\":")]
    [InlineData("{}")]
    public async Task Bad_input_is_a_400_problem_never_a_500(string body)
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);

        await AssertProblem(await client.PatchAsync($"/api/tasks/{Id(Tasks(plan)[0])}", JsonBody(body)), 400);
        Assert.Equal(Version(plan), Version(await GetPlanAsync(client, Id(plan))));
    }

    [Fact]
    public async Task Completing_sets_completed_at_and_by_and_reopening_clears_them()
    {
        var user = await TestUserAsync("founder@example.com");
        var client = Server.Client(user);
        var plan = await CreatePlanAsync(client);
        var taskId = Id(Tasks(plan)[0]);

        var done = await OkJson(client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { status = "completed" }));
        Assert.Equal(user.Id, done.GetProperty("completedBy").GetInt32());
        Assert.True(done.GetProperty("completedAt").GetDateTime() > DateTime.UtcNow.AddMinutes(-1));
        Assert.Equal(1, await DbAsync(db => db.ActionPlans.Select(p => p.CompletedTasks).SingleAsync()));

        var reopened = await OkJson(client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { status = "inProgress" }));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, reopened.GetProperty("completedAt").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, reopened.GetProperty("completedBy").ValueKind);
        Assert.Equal(0, await DbAsync(db => db.ActionPlans.Select(p => p.CompletedTasks).SingleAsync()));
    }

    [Fact]
    public async Task A_patch_changes_only_the_fields_sent_and_null_clears_a_clearable_field()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var task = Tasks(plan)[0];
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{Id(task)}", new { dueDate = "2031-05-01" }));

        var patched = await OkJson(client.PatchAsync($"/api/tasks/{Id(task)}", JsonBody("{\"dueDate\":null,\"estimatedTime\":\"3 days\"}")));

        Assert.Equal(System.Text.Json.JsonValueKind.Null, patched.GetProperty("dueDate").ValueKind);
        Assert.Equal("3 days", patched.GetProperty("estimatedTime").GetString());
        Assert.Equal(task.GetProperty("title").GetString(), patched.GetProperty("title").GetString());
        Assert.Equal(task.GetProperty("description").GetString(), patched.GetProperty("description").GetString());
    }

    [Fact]
    public async Task The_assignee_must_be_a_member()
    {
        var client = await UserAsync("founder@example.com");
        var outsider = await TestUserAsync("outsider@example.com");
        var plan = await CreatePlanAsync(client);

        var problem = await AssertProblem(await client.PatchAsJsonAsync($"/api/tasks/{Id(Tasks(plan)[0])}", new { assigneeId = outsider.Id }), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("assigneeId", out _));
    }

    [Fact]
    public async Task Deleting_a_task_keeps_the_counters_exact()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);
        var taskId = Id(Tasks(plan)[0]);
        await OkJson(client.PatchAsJsonAsync($"/api/tasks/{taskId}", new { status = "completed" }));

        Assert.Equal(204, (int)(await client.DeleteAsync($"/api/tasks/{taskId}")).StatusCode);

        var stored = await DbAsync(db => db.ActionPlans.SingleAsync());
        Assert.Equal(Tasks(plan).Count - 1, stored.TotalTasks);
        Assert.Equal(0, stored.CompletedTasks);
        await AssertProblem(await client.DeleteAsync($"/api/tasks/{taskId}"), 404);
    }

    [Fact]
    public async Task A_task_in_another_plans_phase_is_refused()
    {
        var client = await UserAsync("founder@example.com");
        var mine = await CreatePlanAsync(client, "invoicing for freelancers");
        var other = await CreatePlanAsync(client, "pet insurance");

        var problem = await AssertProblem(await client.PostAsJsonAsync($"/api/plans/{Id(mine)}/tasks", new { phaseId = Id(Phases(other)[0]), title = "x" }), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("phaseId", out _));
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");
}
