using System.Net.Http.Json;

namespace Unbuilt.Tests.Plans;

/// An Idempotency-Key's stored answer is replayed only to a caller who may still make the request: a member removed
/// since gets the 404 a stranger gets, one demoted to viewer the 403 a viewer gets, and nothing is replayed.
public sealed class ReplayAccessTests(UnbuiltServer server) : PlanTest(server)
{
    private async Task<(HttpClient Owner, HttpClient Editor, int EditorId, int PlanId, int TaskId)> SharedPlanAsync()
    {
        var owner = await UserAsync("owner@example.com");
        var editor = await UserAsync("editor@example.com");
        var plan = await CreatePlanAsync(owner);
        await OkJson(owner.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = "editor@example.com", role = "editor" }));
        var members = await OkJson(owner.GetAsync($"/api/plans/{Id(plan)}/members"));
        var editorId = members.EnumerateArray().Single(m => m.GetProperty("email").GetString() == "editor@example.com")
            .GetProperty("userId").GetInt32();
        return (owner, editor, editorId, Id(plan), Id(Tasks(plan)[0]));
    }

    [Fact]
    public async Task A_removed_member_gets_404_instead_of_the_stored_answer()
    {
        var (owner, editor, editorId, planId, taskId) = await SharedPlanAsync();
        var body = new { title = "Editor's" };
        var first = await Send(editor, HttpMethod.Patch, $"/api/tasks/{taskId}", body, ("Idempotency-Key", "k-task"));
        var created = await Send(editor, HttpMethod.Post, $"/api/plans/{planId}/tasks", new { phaseId = Id(Phases(await GetPlanAsync(owner, planId))[0]), title = "New" },
            ("Idempotency-Key", "k-plan"));
        Assert.Equal(200, (int)first.StatusCode);
        Assert.Equal(201, (int)created.StatusCode);
        await OkJson(owner.DeleteAsync($"/api/plans/{planId}/members/{editorId}"));

        var retry = await Send(editor, HttpMethod.Patch, $"/api/tasks/{taskId}", body, ("Idempotency-Key", "k-task"));
        var retryPlan = await Send(editor, HttpMethod.Post, $"/api/plans/{planId}/tasks", new { phaseId = Id(Phases(await GetPlanAsync(owner, planId))[0]), title = "New" },
            ("Idempotency-Key", "k-plan"));

        await AssertProblem(retry, 404);
        await AssertProblem(retryPlan, 404);
        Assert.False(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.False(retryPlan.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_member_demoted_to_viewer_gets_403_and_a_member_who_still_may_gets_the_replay()
    {
        var (owner, editor, _, planId, taskId) = await SharedPlanAsync();
        var body = new { title = "Editor's" };
        await Send(editor, HttpMethod.Patch, $"/api/tasks/{taskId}", body, ("Idempotency-Key", "k1"));

        var still = await Send(editor, HttpMethod.Patch, $"/api/tasks/{taskId}", body, ("Idempotency-Key", "k1"));
        Assert.Equal(200, (int)still.StatusCode);
        Assert.True(still.Headers.Contains("Idempotent-Replayed"));

        await OkJson(owner.PostAsJsonAsync($"/api/plans/{planId}/members", new { email = "editor@example.com", role = "viewer" }));
        var demoted = await Send(editor, HttpMethod.Patch, $"/api/tasks/{taskId}", body, ("Idempotency-Key", "k1"));
        await AssertProblem(demoted, 403);
        Assert.False(demoted.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task A_retried_delete_of_a_task_still_replays_to_a_member()
    {
        var (_, editor, _, _, taskId) = await SharedPlanAsync();
        var first = await Send(editor, HttpMethod.Delete, $"/api/tasks/{taskId}", null, ("Idempotency-Key", "d1"));

        var retry = await Send(editor, HttpMethod.Delete, $"/api/tasks/{taskId}", null, ("Idempotency-Key", "d1"));

        Assert.Equal(first.StatusCode, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
    }
}
