using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Unbuilt.Data.Accounts;
using Unbuilt.Monitoring;
using Unbuilt.Tests.Accounts;
using Unbuilt.Tests.Plans;
using Microsoft.Extensions.DependencyInjection;

namespace Unbuilt.Tests.Realtime;

/// The periodic access check is set to an hour, so whatever a connection is told here came from the change itself
/// being announced, as it happens.
public sealed class AnnouncedAccessServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings => ["Unbuilt:Realtime:AccessCheckSeconds=3600"];
}

/// Live access follows access: what ends or narrows a user's access on the REST side ends or narrows it on their open
/// connections too, and they are told why.
public sealed class LiveAccessTests(AnnouncedAccessServer server) : PlanTest<AnnouncedAccessServer>(server)
{
    private async Task<(TestUser Owner, TestUser Member, int PlanId, int TaskId)> SharedPlanAsync(string role = "editor")
    {
        var owner = await TestUserAsync("owner@example.com");
        var member = await TestUserAsync("member@example.com");
        var plan = await CreatePlanAsync(Server.Client(owner));
        await OkJson(Server.Client(owner).PostAsJsonAsync($"/api/plans/{Id(plan)}/members", new { email = member.Email, role }));
        return (owner, member, Id(plan), Id(Tasks(plan)[0]));
    }

    private Task RenameAsync(TestUser user, int taskId, string title) =>
        OkJson(Send(Server.Client(user), HttpMethod.Patch, $"/api/tasks/{taskId}", new { title }, []));

    [Fact]
    public async Task A_removed_member_is_told_gets_no_further_event_and_cannot_resume_or_rejoin()
    {
        var (owner, member, planId, taskId) = await SharedPlanAsync();
        await using var live = await LiveClient.ConnectAsync(Server.BaseAddress, member.Token);
        await live.JoinAsync(planId);

        await OkJson(Server.Client(owner).DeleteAsync($"/api/plans/{planId}/members/{member.Id}"));

        var ended = await live.ExpectNoticeAsync("AccessEnded");
        Assert.Equal(planId, ended.GetProperty("planId").GetInt32());
        Assert.Equal("removed", ended.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(ended.GetProperty("message").GetString()));

        await RenameAsync(owner, taskId, "After the removal");
        Assert.Null(await live.TryNextChangeAsync(c => c.GetProperty("type").GetString() == "task.updated", TimeSpan.FromSeconds(1)));
        await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync<JsonElement>("Resume", planId, 0));
        await Assert.ThrowsAsync<HubException>(() => live.JoinAsync(planId));
        Assert.Equal(Microsoft.AspNetCore.SignalR.Client.HubConnectionState.Connected, live.Connection.State); // other plans may go on
    }

    [Fact]
    public async Task A_member_already_watching_cannot_resume_after_removal_even_before_being_told()
    {
        var (owner, member, planId, _) = await SharedPlanAsync();
        await using var live = await LiveClient.ConnectAsync(Server.BaseAddress, member.Token);
        await live.JoinAsync(planId);
        // Through the database behind the API, so nothing is announced: Resume must check by itself.
        await DbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(
            System.Linq.Queryable.Where(db.PlanMembers, m => m.PlanId == planId && m.UserId == member.Id)));

        await Assert.ThrowsAsync<HubException>(() => live.Connection.InvokeAsync<JsonElement>("Resume", planId, 0));
    }

    [Fact]
    public async Task A_downgraded_member_is_told_the_new_role_and_still_follows_the_plan()
    {
        var (owner, member, planId, taskId) = await SharedPlanAsync();
        await using var live = await LiveClient.ConnectAsync(Server.BaseAddress, member.Token);
        await live.JoinAsync(planId);

        await OkJson(Server.Client(owner).PostAsJsonAsync($"/api/plans/{planId}/members", new { email = member.Email, role = "viewer" }));

        var changed = await live.ExpectNoticeAsync("AccessChanged");
        Assert.Equal(planId, changed.GetProperty("planId").GetInt32());
        Assert.Equal("viewer", changed.GetProperty("role").GetString());
        await RenameAsync(owner, taskId, "Viewers see this");
        Assert.NotNull(await live.TryNextChangeAsync(c => c.GetProperty("type").GetString() == "task.updated", TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task When_the_feature_is_turned_off_watchers_leave_the_plan_and_cannot_rejoin()
    {
        var (owner, _, planId, taskId) = await SharedPlanAsync();
        await using var live = await LiveClient.ConnectAsync(Server.BaseAddress, owner.Token);
        await live.JoinAsync(planId);
        var admin = Server.Client(await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin));

        await OkJson(admin.PostAsync($"/api/feature-flags/{Flag}/rollback", null));

        var ended = await live.ExpectNoticeAsync("AccessEnded");
        Assert.Equal("feature-off", ended.GetProperty("reason").GetString());
        await Assert.ThrowsAsync<HubException>(() => live.JoinAsync(planId));
    }

    [Fact]
    public async Task A_user_a_segment_lets_in_keeps_the_live_view_through_other_flag_changes_and_leaves_when_the_segment_drops_them()
    {
        var staff = await TestUserAsync("ana@unbuilt.io");
        var planId = Id(await CreatePlanAsync(Server.Client(staff)));
        var admin = Server.Client(await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin));
        var segment = await OkJson(admin.PostAsJsonAsync("/api/segments", new { name = "internal", emailDomains = new[] { "unbuilt.io" } }));
        await OkJson(admin.PatchAsJsonAsync($"/api/feature-flags/{Flag}", new { rolloutPercentage = 0, segments = new[] { "internal" } }));
        await using var live = await LiveClient.ConnectAsync(Server.BaseAddress, staff.Token);
        await live.JoinAsync(planId);

        // Any flag change makes every node check its live connections again: the check must see the segment too.
        var tester = await Server.CreateUserAsync("tester@example.com");
        await OkJson(admin.PostAsJsonAsync($"/api/feature-flags/{Flag}/users", new { userId = tester.Id }));
        Assert.True(await live.NoNoticeWithinAsync(TimeSpan.FromSeconds(2)));

        await OkJson(admin.PatchAsJsonAsync($"/api/segments/{segment.GetProperty("id").GetInt32()}", new { emailDomains = new[] { "partner.example" } }));

        var ended = await live.ExpectNoticeAsync("AccessEnded");
        Assert.Equal("feature-off", ended.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_revoked_token_closes_the_connections_it_opened()
    {
        var (_, member, planId, _) = await SharedPlanAsync();
        var api = Server.Client(member);
        var created = await OkJson(api.PostAsJsonAsync("/api/me/tokens", new { name = "script" }));
        await using var live = await LiveClient.ConnectAsync(Server.BaseAddress, created.GetProperty("token").GetString());
        await live.JoinAsync(planId);
        await using var other = await LiveClient.ConnectAsync(Server.BaseAddress, member.Token);

        Assert.True((await api.DeleteAsync($"/api/me/tokens/{created.GetProperty("id").GetInt32()}")).IsSuccessStatusCode);

        Assert.Equal("token-revoked", (await live.ExpectNoticeAsync("SignedOut")).GetProperty("reason").GetString());
        await live.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(await other.NoNoticeWithinAsync(TimeSpan.FromMilliseconds(500))); // the user's other token stands
        Assert.Equal(HubConnectionState.Connected, other.Connection.State);
    }

    [Fact]
    public async Task Logging_out_closes_the_live_connection_of_that_session_and_a_copied_cookie_cannot_reopen_it()
    {
        var (_, member, planId, _) = await SharedPlanAsync();
        var browser = new Browser(Server);
        Assert.True((await browser.LoginAsync(member.Email)).IsSuccessStatusCode);
        var cookie = browser.Cookie("unbuilt_auth")!;
        await using var live = await LiveClient.ConnectWithCookieAsync(Server.BaseAddress, cookie);
        await live.JoinAsync(planId);

        Assert.True((await browser.SendAsync(HttpMethod.Post, "/api/auth/logout")).IsSuccessStatusCode);

        Assert.Equal("session-revoked", (await live.ExpectNoticeAsync("SignedOut")).GetProperty("reason").GetString());
        await live.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        await Assert.ThrowsAnyAsync<Exception>(async () => await LiveClient.ConnectWithCookieAsync(Server.BaseAddress, cookie));
    }

    [Fact]
    public async Task Signing_out_another_session_closes_only_its_connections()
    {
        var (_, member, _, _) = await SharedPlanAsync();
        var laptop = new Browser(Server);
        var phone = new Browser(Server);
        Assert.True((await laptop.LoginAsync(member.Email)).IsSuccessStatusCode);
        Assert.True((await phone.LoginAsync(member.Email)).IsSuccessStatusCode);
        await using var onLaptop = await LiveClient.ConnectWithCookieAsync(Server.BaseAddress, laptop.Cookie("unbuilt_auth")!);
        await using var onPhone = await LiveClient.ConnectWithCookieAsync(Server.BaseAddress, phone.Cookie("unbuilt_auth")!);
        var sessions = await OkJson(laptop.Client.GetAsync("/api/me/sessions"));
        var phoneSession = sessions.EnumerateArray().Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetInt32();

        Assert.True((await laptop.SendAsync(HttpMethod.Delete, $"/api/me/sessions/{phoneSession}")).IsSuccessStatusCode);

        Assert.Equal("SignedOut", (await onPhone.NextNoticeAsync()).Method);
        await onPhone.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(await onLaptop.NoNoticeWithinAsync(TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public async Task Disabling_a_user_closes_their_connections_and_their_token_gets_401()
    {
        var (_, member, planId, _) = await SharedPlanAsync();
        await using var live = await LiveClient.ConnectAsync(Server.BaseAddress, member.Token);
        await live.JoinAsync(planId);
        var admin = Server.Client(await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin));

        await OkJson(admin.PatchAsJsonAsync($"/api/admin/users/{member.Id}", new { disabled = true }));

        Assert.Equal("account-disabled", (await live.ExpectNoticeAsync("SignedOut")).GetProperty("reason").GetString());
        var closedWith = await live.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(401, (int)(await Server.Client(member).GetAsync("/api/me")).StatusCode);
        _ = closedWith;
    }

    [Fact]
    public async Task A_demoted_admin_leaves_the_admins_group_and_a_promoted_user_joins_it()
    {
        var root = Server.Client(await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin));
        var demoted = await Server.CreateUserAsync("was-admin@example.com", Tier.Enterprise, Role.Admin);
        var promoted = await Server.CreateUserAsync("new-admin@example.com", Tier.Enterprise);
        await using var demotedLive = await LiveClient.ConnectAsync(Server.BaseAddress, demoted.Token);
        await using var promotedLive = await LiveClient.ConnectAsync(Server.BaseAddress, promoted.Token);

        await OkJson(root.PatchAsJsonAsync($"/api/admin/users/{demoted.Id}", new { role = "user" }));
        await OkJson(root.PatchAsJsonAsync($"/api/admin/users/{promoted.Id}", new { role = "admin" }));
        await WaitForAdminsAsync(promotedLive);

        await Server.Services.GetRequiredService<IAdminNotifier>().NotifyAsync(
            new AdminNotice("alert.started", null, "a test notice", [], DateTimeOffset.UtcNow), default);

        Assert.True(await HearsAsync(promotedLive, "a test notice", TimeSpan.FromSeconds(10)));
        Assert.False(await HearsAsync(demotedLive, "a test notice", TimeSpan.FromMilliseconds(500)));
    }

    /// Whether an admin notice with this message arrives within the time (earlier probes are skipped).
    private static async Task<bool> HearsAsync(LiveClient client, string message, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                var (method, body) = await client.NextNoticeAsync(deadline - DateTime.UtcNow);
                if (method == "AdminNotice" && body.GetProperty("message").GetString() == message) return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }
        return false;
    }

    /// The promotion is applied by the access check after the PATCH answers: send probe notices until one arrives.
    private async Task WaitForAdminsAsync(LiveClient client)
    {
        var notifier = Server.Services.GetRequiredService<IAdminNotifier>();
        for (var i = 0; i < 50; i++)
        {
            await notifier.NotifyAsync(new AdminNotice("probe", null, "probe", [], DateTimeOffset.UtcNow), default);
            try
            {
                if ((await client.NextNoticeAsync(TimeSpan.FromMilliseconds(200))).Method == "AdminNotice") return;
            }
            catch (OperationCanceledException)
            {
                // not yet
            }
        }
        Assert.Fail("the promoted admin never joined the admins group");
    }
}
