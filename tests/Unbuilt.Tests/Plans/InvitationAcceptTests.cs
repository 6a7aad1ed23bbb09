using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Accounts;
using Unbuilt.Tests.Accounts;

namespace Unbuilt.Tests.Plans;

/// Accepting an invitation: once, within the limits, for the right account, never lowering a role.
public sealed class InvitationAcceptTests(InvitationServer server) : InvitationTest<InvitationServer>(server)
{
    [Fact]
    public async Task Accepting_makes_a_member_recorded_in_history_and_published_live()
    {
        var owner = await UserAsync("owner@example.com");
        var guest = await TestUserAsync("guest@example.com");
        var plan = await CreatePlanAsync(owner);
        var invitation = await InviteAsync(owner, Id(plan));
        Server.Published.Clear();

        var accepted = await OkJson(AcceptAsync(Server.Client(guest), invitation));

        Assert.Equal($$"""{"planId":{{Id(plan)}},"role":"editor"}""", accepted.GetRawText());
        var seen = await GetPlanAsync(Server.Client(guest), Id(plan));
        Assert.Equal(("editor", Version(plan) + 1), (seen.GetProperty("role").GetString(), Version(seen)));
        Assert.Equal("member.added", (await HistoryActionsAsync(Id(plan)))[^1]);
        var history = await OkJson(owner.GetAsync($"/api/plans/{Id(plan)}/history?limit=1"));
        Assert.Equal((guest.Id, "member.added"), (history[0].GetProperty("userId").GetInt32(), history[0].GetProperty("action").GetString()));
        var change = Assert.Single(Server.Published);
        Assert.Equal((Id(plan), "member.added", guest.Id), (change.PlanId, change.Type, change.ActorId));
        Assert.False(await DbAsync(db => db.PlanOperations.Where(o => o.PlanId == Id(plan)).OrderBy(o => o.Id).Select(o => o.Undoable).LastAsync()));
        var stored = await DbAsync(db => db.PlanInvitations.SingleAsync());
        Assert.Equal(guest.Id, stored.AcceptedBy);
        Assert.NotNull(stored.AcceptedAt);
        Assert.Equal(1, await DbAsync(db => db.SecurityAuditLogs.CountAsync(l => l.Action == "plan.invitation_accepted" && l.UserId == guest.Id)));
        Assert.Empty((await OkJson(owner.GetAsync($"/api/plans/{Id(plan)}/invitations"))).EnumerateArray());
    }

    [Fact]
    public async Task An_invitation_works_once_and_then_answers_410()
    {
        var owner = await UserAsync("owner@example.com");
        var first = await UserAsync("first@example.com");
        var second = await UserAsync("second@example.com");
        var plan = await CreatePlanAsync(owner);
        var invitation = await InviteAsync(owner, Id(plan), "viewer");
        await OkJson(AcceptAsync(first, invitation));

        var again = await AssertProblem(await AcceptAsync(first, invitation), 410);
        var other = await AssertProblem(await AcceptAsync(second, invitation), 410);
        await AssertProblem(await Server.Client().GetAsync($"/api/invitations/{Token(invitation)}"), 410);

        Assert.Contains("already been used", again.GetProperty("detail").GetString());
        Assert.Equal(again.GetProperty("detail").GetString(), other.GetProperty("detail").GetString());
        await AssertProblem(await second.GetAsync($"/api/plans/{Id(plan)}"), 404);
    }

    [Fact]
    public async Task Of_simultaneous_accepts_of_one_invitation_exactly_one_succeeds()
    {
        var owner = await UserAsync("owner@example.com");
        var guests = new List<HttpClient>();
        for (var i = 0; i < 3; i++) guests.Add(await UserAsync($"guest{i}@example.com"));
        var plan = await CreatePlanAsync(owner);
        var invitation = await InviteAsync(owner, Id(plan));

        var answers = await Task.WhenAll(guests.Select(g => AcceptAsync(g, invitation)));

        Assert.Equal(1, answers.Count(a => (int)a.StatusCode == 200));
        Assert.All(answers.Where(a => (int)a.StatusCode != 200), a => Assert.Equal(410, (int)a.StatusCode));
        Assert.Equal(2, await DbAsync(db => db.PlanMembers.CountAsync(m => m.PlanId == Id(plan))));
        Assert.Single(await DbAsync(db => db.TaskHistory.Where(h => h.Action == "member.added").ToListAsync()));
    }

    [Fact]
    public async Task An_expired_invitation_answers_410_and_makes_no_member()
    {
        var owner = await UserAsync("owner@example.com");
        var guest = await TestUserAsync("guest@example.com");
        var plan = await CreatePlanAsync(owner);
        var invitation = await InviteAsync(owner, Id(plan));
        await ExpireAsync(Id(invitation));

        var preview = await AssertProblem(await Server.Client().GetAsync($"/api/invitations/{Token(invitation)}"), 410);
        await AssertProblem(await AcceptAsync(Server.Client(guest), invitation), 410);

        Assert.Contains("expired", preview.GetProperty("detail").GetString());
        Assert.Null(await RoleOfAsync(Id(plan), guest.Id));
    }

    [Fact]
    public async Task An_invitation_for_an_email_is_refused_to_other_accounts()
    {
        var owner = await UserAsync("owner@example.com");
        var other = await TestUserAsync("other@example.com");
        var guest = await TestUserAsync("guest@example.com");
        var plan = await CreatePlanAsync(owner);
        var invitation = await InviteAsync(owner, Id(plan), "viewer", "GUEST@example.com");

        var refused = await AssertProblem(await AcceptAsync(Server.Client(other), invitation), 403);

        Assert.Contains("guest@example.com", refused.GetProperty("detail").GetString());
        Assert.Null(await RoleOfAsync(Id(plan), other.Id));
        await OkJson(AcceptAsync(Server.Client(guest), invitation));
        Assert.Equal("viewer", await RoleOfAsync(Id(plan), guest.Id));
    }

    [Fact]
    public async Task The_owner_accepting_their_own_invitation_is_409_and_it_stays_pending()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var invitation = await InviteAsync(owner, Id(plan));

        var problem = await AssertProblem(await AcceptAsync(owner, invitation), 409);

        Assert.Contains("You own this plan", problem.GetProperty("detail").GetString());
        Assert.Equal("owner", await DbAsync(db => db.PlanMembers.Select(m => m.Role.ToString().ToLowerInvariant()).SingleAsync()));
        await OkJson(Server.Client().GetAsync($"/api/invitations/{Token(invitation)}"));
    }

    [Fact]
    public async Task A_member_accepting_keeps_a_higher_role_and_gets_a_higher_one()
    {
        var owner = await UserAsync("owner@example.com");
        var editor = await TestUserAsync("editor@example.com");
        var viewer = await TestUserAsync("viewer@example.com");
        var plan = await CreatePlanAsync(owner);
        await OkJson(AcceptAsync(Server.Client(editor), await InviteAsync(owner, Id(plan), "editor")));
        await OkJson(AcceptAsync(Server.Client(viewer), await InviteAsync(owner, Id(plan), "viewer")));
        var version = Version(await GetPlanAsync(owner, Id(plan)));

        var lower = await InviteAsync(owner, Id(plan), "viewer");
        var kept = await OkJson(AcceptAsync(Server.Client(editor), lower));
        Assert.Equal("editor", kept.GetProperty("role").GetString());
        Assert.Equal("editor", await RoleOfAsync(Id(plan), editor.Id));
        Assert.Equal(version, Version(await GetPlanAsync(owner, Id(plan))));
        await AssertProblem(await AcceptAsync(Server.Client(viewer), lower), 410);

        var promoted = await OkJson(AcceptAsync(Server.Client(viewer), await InviteAsync(owner, Id(plan), "editor")));
        Assert.Equal("editor", promoted.GetProperty("role").GetString());
        Assert.Equal("editor", await RoleOfAsync(Id(plan), viewer.Id));
        Assert.Equal("member.updated", (await HistoryActionsAsync(Id(plan)))[^1]);
    }

    [Fact]
    public async Task The_member_limit_applies_and_a_refused_accept_leaves_the_invitation_pending()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        for (var i = 0; i < 3; i++) await OkJson(AcceptAsync(await UserAsync($"m{i}@example.com"), await InviteAsync(owner, Id(plan))));
        var invitation = await InviteAsync(owner, Id(plan));
        var late = await TestUserAsync("late@example.com");

        var problem = await AssertProblem(await AcceptAsync(Server.Client(late), invitation), 409);

        Assert.Equal(("Limit reached", "membersPerPlan", 4), (problem.GetProperty("title").GetString(),
            problem.GetProperty("limit").GetString(), problem.GetProperty("max").GetInt32()));
        Assert.Null(await RoleOfAsync(Id(plan), late.Id));
        await OkJson(Server.Client().GetAsync($"/api/invitations/{Token(invitation)}"));
    }

    [Fact]
    public async Task Accepting_needs_a_sign_in_and_from_a_browser_its_csrf_token()
    {
        var owner = await UserAsync("owner@example.com");
        await TestUserAsync("guest@example.com");
        var plan = await CreatePlanAsync(owner);
        var invitation = await InviteAsync(owner, Id(plan));
        var browser = new Browser(Server);
        await OkJson(browser.LoginAsync("guest@example.com"));

        await AssertProblem(await AcceptAsync(Server.Client(), invitation), 401);
        await AssertProblem(await AcceptAsync(browser.Client, invitation), 403);
        await OkJson(browser.SendAsync(HttpMethod.Post, $"/api/invitations/{Token(invitation)}/accept"));
        Assert.Equal("editor", (await GetPlanAsync(browser.Client, Id(plan))).GetProperty("role").GetString());
    }
}
