using System.Net.Http.Json;

namespace Unbuilt.Tests.Plans;

/// Members only; editors change, viewers read; only the owner deletes or shares (by email or by invitation link).
public sealed class PlanAccessTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task A_stranger_gets_404_for_every_plan_and_task_route_and_changes_nothing()
    {
        var owner = await UserAsync("owner@example.com");
        var stranger = await UserAsync("stranger@example.com");
        var plan = await CreatePlanAsync(owner);
        var planId = Id(plan);
        var taskId = Id(Tasks(plan)[0]);
        var phaseId = Id(Phases(plan)[0]);
        var invitationId = Id(await OkJson(owner.PostAsJsonAsync($"/api/plans/{planId}/invitations", new { role = "viewer" })));

        var attempts = new[]
        {
            stranger.GetAsync($"/api/plans/{planId}"),
            stranger.PatchAsJsonAsync($"/api/plans/{planId}", new { title = "mine now" }),
            stranger.DeleteAsync($"/api/plans/{planId}"),
            stranger.PostAsJsonAsync($"/api/plans/{planId}/tasks", new { phaseId, title = "sneaky" }),
            stranger.PatchAsJsonAsync($"/api/tasks/{taskId}", new { status = "completed" }),
            stranger.DeleteAsync($"/api/tasks/{taskId}"),
            stranger.PostAsJsonAsync($"/api/tasks/{taskId}/move", new { phaseId, afterTaskId = (int?)null }),
            stranger.GetAsync($"/api/plans/{planId}/progress"),
            stranger.GetAsync($"/api/plans/{planId}/history"),
            stranger.GetAsync($"/api/plans/{planId}/export?format=csv"),
            stranger.PostAsync($"/api/plans/{planId}/undo", null),
            stranger.PostAsJsonAsync($"/api/plans/{planId}/members", new { email = "stranger@example.com", role = "editor" }),
            stranger.PostAsJsonAsync($"/api/plans/{planId}/invitations", new { role = "editor" }),
            stranger.GetAsync($"/api/plans/{planId}/invitations"),
            stranger.DeleteAsync($"/api/plans/{planId}/invitations/{invitationId}"),
        };
        foreach (var attempt in attempts) await AssertProblem(await attempt, 404);

        Assert.Equal(Version(plan), Version(await GetPlanAsync(owner, planId)));
        Assert.Empty((await OkJson(stranger.GetAsync("/api/plans"))).EnumerateArray());
        Assert.Single((await OkJson(owner.GetAsync($"/api/plans/{planId}/invitations"))).EnumerateArray());
    }

    [Fact]
    public async Task A_viewer_reads_but_gets_403_on_writes()
    {
        var owner = await UserAsync("owner@example.com");
        var viewer = await UserAsync("viewer@example.com");
        var plan = await CreatePlanAsync(owner);
        await OkJson(owner.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = "viewer@example.com", role = "viewer" }));
        var taskId = Id(Tasks(plan)[0]);

        var seen = await GetPlanAsync(viewer, Id(plan));
        Assert.Equal("viewer", seen.GetProperty("role").GetString());
        await AssertProblem(await viewer.PatchAsJsonAsync($"/api/tasks/{taskId}", new { status = "completed" }), 403);
        await AssertProblem(await viewer.PatchAsJsonAsync($"/api/plans/{Id(plan)}", new { title = "x" }), 403);
        await AssertProblem(await viewer.DeleteAsync($"/api/plans/{Id(plan)}"), 403);
        await AssertProblem(await viewer.PostAsJsonAsync($"/api/plans/{Id(plan)}/invitations", new { role = "viewer" }), 403);
        await AssertProblem(await viewer.GetAsync($"/api/plans/{Id(plan)}/invitations"), 403);
        Assert.Equal("notStarted", TaskIn(await GetPlanAsync(owner, Id(plan)), taskId).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_editor_edits_but_only_the_owner_deletes_or_shares()
    {
        var owner = await UserAsync("owner@example.com");
        var editor = await UserAsync("editor@example.com");
        await UserAsync("third@example.com");
        var plan = await CreatePlanAsync(owner);
        var added = await owner.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = "Editor@Example.com", role = "editor" });
        Assert.Equal(202, (int)added.StatusCode);
        var taskId = Id(Tasks(plan)[0]);

        var task = await OkJson(editor.PatchAsJsonAsync($"/api/tasks/{taskId}", new { status = "completed" }));
        Assert.Equal("completed", task.GetProperty("status").GetString());
        await AssertProblem(await editor.DeleteAsync($"/api/plans/{Id(plan)}"), 403);
        await AssertProblem(await editor.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = "third@example.com", role = "viewer" }), 403);
        await AssertProblem(await editor.PostAsJsonAsync($"/api/plans/{Id(plan)}/invitations", new { role = "viewer" }), 403);

        var shared = (await OkJson(editor.GetAsync("/api/plans"))).EnumerateArray().Single();
        Assert.Equal("editor", shared.GetProperty("role").GetString());
        Assert.True(shared.GetProperty("progress").GetProperty("completed").GetInt32() == 1);
    }

    [Fact]
    public async Task The_owner_deletes_the_plan_and_it_is_gone_for_everyone()
    {
        var owner = await UserAsync("owner@example.com");
        var editor = await UserAsync("editor@example.com");
        var plan = await CreatePlanAsync(owner);
        await OkJson(owner.PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = "editor@example.com", role = "editor" }));

        Assert.Equal(204, (int)(await owner.DeleteAsync($"/api/plans/{Id(plan)}")).StatusCode);

        await AssertProblem(await owner.GetAsync($"/api/plans/{Id(plan)}"), 404);
        await AssertProblem(await editor.GetAsync($"/api/plans/{Id(plan)}"), 404);
        Assert.Equal(0, await DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.PlanTasks)));
    }

    [Fact]
    public async Task Members_are_listed_changed_and_removed_and_a_member_can_leave()
    {
        var owner = await UserAsync("owner@example.com");
        var editor = await TestUserAsync("editor@example.com");
        var viewer = await TestUserAsync("viewer@example.com");
        var plan = await CreatePlanAsync(owner);
        var members = $"/api/plans/{Id(plan)}/members";
        await OkJson(owner.PostAsJsonAsync(members, new { email = editor.Email, role = "editor" }));
        await OkJson(owner.PostAsJsonAsync(members, new { email = viewer.Email, role = "viewer" }));

        var changed = await owner.PostAsJsonAsync(members, new { email = viewer.Email, role = "editor" });
        Assert.Equal(202, (int)changed.StatusCode);
        Assert.Equal(204, (int)(await Server.Client(viewer).DeleteAsync($"{members}/{viewer.Id}")).StatusCode);
        Assert.Equal(204, (int)(await owner.DeleteAsync($"{members}/{editor.Id}")).StatusCode);

        var list = (await OkJson(owner.GetAsync(members))).EnumerateArray().ToList();
        Assert.Equal(["owner"], list.Select(m => m.GetProperty("role").GetString()));
        await AssertProblem(await Server.Client(editor).GetAsync($"/api/plans/{Id(plan)}"), 404);
    }

    [Fact]
    public async Task Sharing_rejects_bad_input()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var members = $"/api/plans/{Id(plan)}/members";

        // An unknown email is not bad input: it answers as a known one would (MemberEnumerationTests).
        Assert.Equal(202, (int)(await owner.PostAsJsonAsync(members, new { email = "nobody@example.com", role = "viewer" })).StatusCode);
        await AssertProblem(await owner.PostAsJsonAsync(members, new { email = "owner@example.com", role = "viewer" }), 400);
        await AssertProblem(await owner.PostAsJsonAsync(members, new { email = "owner@example.com", role = "owner" }), 400);
        await AssertProblem(await owner.PostAsJsonAsync(members, new { email = "owner@example.com", role = "boss" }), 400);
        await AssertProblem(await owner.DeleteAsync($"{members}/{Id(plan) + 1000}"), 404);
    }
}
