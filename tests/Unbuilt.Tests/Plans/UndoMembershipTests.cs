using System.Net.Http.Json;

namespace Unbuilt.Tests.Plans;

/// Undo and redo re-check membership: they never give a task back to someone who has left the plan, and a caller
/// who has left (or only views) cannot undo at all.
public sealed class UndoMembershipTests(UnbuiltServer server) : PlanTest(server)
{
    private async Task<(HttpClient Owner, HttpClient Editor, int EditorId, int PlanId)> SharedPlanAsync()
    {
        var owner = await UserAsync("owner@example.com");
        var editor = await UserAsync("editor@example.com");
        var plan = await CreatePlanAsync(owner);
        await OkJson(owner.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = "editor@example.com", role = "editor" }));
        var members = await OkJson(owner.GetAsync($"/api/plans/{Id(plan)}/members"));
        var editorId = members.EnumerateArray().Single(m => m.GetProperty("email").GetString() == "editor@example.com")
            .GetProperty("userId").GetInt32();
        return (owner, editor, editorId, Id(plan));
    }

    [Fact]
    public async Task Undoing_a_delete_brings_the_task_back_without_an_assignee_who_has_left()
    {
        var (owner, _, editorId, planId) = await SharedPlanAsync();
        var taskId = Id(Tasks(await GetPlanAsync(owner, planId))[0]);
        await OkJson(owner.PatchAsJsonAsync($"/api/tasks/{taskId}", new { assigneeId = editorId, title = "Kept" }));
        await OkJson(owner.DeleteAsync($"/api/tasks/{taskId}"));
        await OkJson(owner.DeleteAsync($"/api/plans/{planId}/members/{editorId}"));

        await OkJson(owner.PostAsync($"/api/plans/{planId}/undo", null));

        var task = TaskIn(await GetPlanAsync(owner, planId), taskId);
        Assert.Equal("Kept", task.GetProperty("title").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, task.GetProperty("assigneeId").ValueKind);
    }

    [Fact]
    public async Task Redo_does_not_assign_a_task_to_someone_who_has_left()
    {
        var (owner, _, editorId, planId) = await SharedPlanAsync();
        var taskId = Id(Tasks(await GetPlanAsync(owner, planId))[0]);
        await OkJson(owner.PatchAsJsonAsync($"/api/tasks/{taskId}", new { assigneeId = editorId, title = "Assigned" }));
        await OkJson(owner.PostAsync($"/api/plans/{planId}/undo", null));
        await OkJson(owner.DeleteAsync($"/api/plans/{planId}/members/{editorId}"));

        await OkJson(owner.PostAsync($"/api/plans/{planId}/redo", null));

        var task = TaskIn(await GetPlanAsync(owner, planId), taskId);
        Assert.Equal("Assigned", task.GetProperty("title").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, task.GetProperty("assigneeId").ValueKind);
    }

    [Fact]
    public async Task An_assignee_who_is_still_a_member_is_restored()
    {
        var (owner, _, editorId, planId) = await SharedPlanAsync();
        var taskId = Id(Tasks(await GetPlanAsync(owner, planId))[0]);
        await OkJson(owner.PatchAsJsonAsync($"/api/tasks/{taskId}", new { assigneeId = editorId }));
        await OkJson(owner.DeleteAsync($"/api/tasks/{taskId}"));

        await OkJson(owner.PostAsync($"/api/plans/{planId}/undo", null));

        Assert.Equal(editorId, TaskIn(await GetPlanAsync(owner, planId), taskId).GetProperty("assigneeId").GetInt32());
    }

    [Fact]
    public async Task A_removed_member_cannot_undo_and_a_viewer_is_refused()
    {
        var (owner, editor, editorId, planId) = await SharedPlanAsync();
        var taskId = Id(Tasks(await GetPlanAsync(owner, planId))[0]);
        await OkJson(editor.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = "Editor's" }));
        await OkJson(owner.PostAsJsonAsync($"/api/plans/{planId}/members", new { email = "editor@example.com", role = "viewer" }));

        await AssertProblem(await editor.PostAsync($"/api/plans/{planId}/undo", null), 403);

        await OkJson(owner.DeleteAsync($"/api/plans/{planId}/members/{editorId}"));
        var version = Version(await GetPlanAsync(owner, planId));
        await AssertProblem(await editor.PostAsync($"/api/plans/{planId}/undo", null), 404);
        var after = await GetPlanAsync(owner, planId);
        Assert.Equal(version, Version(after));
        Assert.Equal("Editor's", TaskIn(after, taskId).GetProperty("title").GetString());
    }
}
