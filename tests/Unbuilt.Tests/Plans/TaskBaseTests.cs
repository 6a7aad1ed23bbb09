using System.Net.Http.Json;

namespace Unbuilt.Tests.Plans;

/// PATCH /api/tasks/{id} with `base`: an edit made on a stale form is refused instead of silently overwriting.
public sealed class TaskBaseTests(UnbuiltServer server) : PlanTest(server)
{
    private async Task<(HttpClient A, HttpClient B, int PlanId, int TaskId, string Title, string Description)> SharedTaskAsync()
    {
        var a = await UserAsync("owner@example.com");
        var editor = await TestUserAsync("editor@example.com");
        var plan = await CreatePlanAsync(a);
        await OkJson(a.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = editor.Email, role = "editor" }));
        var task = Tasks(plan)[0];
        return (a, Server.Client(editor), Id(plan), Id(task), task.GetProperty("title").GetString()!,
            task.GetProperty("description").GetString()!);
    }

    [Fact]
    public async Task A_stale_title_is_refused_with_the_current_task_and_an_untouched_field_saves()
    {
        var (a, b, planId, taskId, title, description) = await SharedTaskAsync();
        await OkJson(a.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = "A's title", @base = new { title } }));
        var rows = await HistoryRowsAsync(planId);

        var refused = await AssertProblem(await b.PatchAsJsonAsync($"/api/tasks/{taskId}",
            new { title = "B's title", description = "B's notes", @base = new { title, description } }), 409);
        Assert.Equal(["title"], refused.GetProperty("conflicts").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("A's title", refused.GetProperty("current").GetProperty("title").GetString());
        Assert.Equal(rows, await HistoryRowsAsync(planId));
        Assert.Equal(description, TaskIn(await GetPlanAsync(a, planId), taskId).GetProperty("description").GetString());

        var saved = await OkJson(b.PatchAsJsonAsync($"/api/tasks/{taskId}", new { description = "B's notes", @base = new { description } }));
        Assert.Equal("A's title", saved.GetProperty("title").GetString());
        Assert.Equal("B's notes", saved.GetProperty("description").GetString());

        var retried = await OkJson(b.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = "B's title", @base = new { title = "A's title" } }));
        Assert.Equal("B's title", retried.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Every_conflicting_field_is_named_and_nullable_fields_compare_null()
    {
        var (a, b, _, taskId, _, _) = await SharedTaskAsync();
        await OkJson(a.PatchAsJsonAsync($"/api/tasks/{taskId}", new { status = "inProgress", dueDate = "2030-01-01", estimatedTime = (string?)null }));

        var refused = await AssertProblem(await b.PatchAsJsonAsync($"/api/tasks/{taskId}", new
        {
            status = "completed", dueDate = "2031-01-01", estimatedTime = "2 days",
            @base = new { status = "notStarted", dueDate = (string?)null, estimatedTime = (string?)null },
        }), 409);
        Assert.Equal(["status", "dueDate"], refused.GetProperty("conflicts").EnumerateArray().Select(c => c.GetString()));

        await OkJson(b.PatchAsJsonAsync($"/api/tasks/{taskId}", new
        {
            status = "completed", dueDate = "2031-01-01", @base = new { status = "inProgress", dueDate = "2030-01-01", title = "not sent" },
        }));
    }

    [Fact]
    public async Task A_malformed_base_is_a_400_that_changes_nothing()
    {
        var (a, _, planId, taskId, _, _) = await SharedTaskAsync();
        var rows = await HistoryRowsAsync(planId);

        foreach (var body in new[]
        {
            """{"title": "x", "base": "title"}""", """{"title": "x", "base": {"title": 5}}""",
            """{"title": "x", "base": {"status": "nearly"}}""", """{"title": "x", "base": {"resources": "one"}}""",
            """{"title": "x", "base": {"dueDate": "soon"}}""",
        })
        {
            using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            await AssertProblem(await a.PatchAsync($"/api/tasks/{taskId}", content), 400);
        }
        var tooLong = await AssertProblem(await a.PatchAsJsonAsync($"/api/tasks/{taskId}",
            new { title = "x", @base = new { title = new string('t', 201) } }), 400);
        Assert.True(tooLong.GetProperty("errors").TryGetProperty("base.title", out _));
        Assert.Equal(rows, await HistoryRowsAsync(planId));
    }
}
