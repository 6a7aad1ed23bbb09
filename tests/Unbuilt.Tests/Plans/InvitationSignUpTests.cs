using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Accounts;
using Unbuilt.Tests.Accounts;

namespace Unbuilt.Tests.Plans;

/// Signing up with an invitation: the account and the membership in one request, or neither.
public sealed class InvitationSignUpTests(InvitationServer server) : InvitationTest<InvitationServer>(server)
{
    [Fact]
    public async Task Signing_up_with_an_invitation_makes_the_account_and_the_member_in_one_request()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var invitation = await InviteAsync(owner, Id(plan), "viewer", "newcomer@example.com");
        var browser = new Browser(Server);

        var response = await browser.Client.PostAsJsonAsync("/api/auth/signup", SignUpForm("Newcomer@example.com", Token(invitation)));

        Assert.Equal(201, (int)response.StatusCode);
        Assert.Null(response.Headers.ETag);
        var me = await ReadJson(response);
        var seen = await GetPlanAsync(browser.Client, Id(plan));
        Assert.Equal("viewer", seen.GetProperty("role").GetString());
        var history = await OkJson(browser.Client.GetAsync($"/api/plans/{Id(plan)}/history?limit=1"));
        Assert.Equal((me.GetProperty("id").GetInt32(), "member.added"),
            (history[0].GetProperty("userId").GetInt32(), history[0].GetProperty("action").GetString()));
        await AssertProblem(await Server.Client().GetAsync($"/api/invitations/{Token(invitation)}"), 410);
    }

    [Fact]
    public async Task A_sign_up_the_invitation_refuses_makes_no_account()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var forSomeoneElse = await InviteAsync(owner, Id(plan), "viewer", "someone@example.com");
        var used = await InviteAsync(owner, Id(plan));
        await OkJson(AcceptAsync(await UserAsync("first@example.com"), used));
        var users = await DbAsync(db => db.Users.CountAsync());

        var mismatch = await AssertProblem(await Server.Client().PostAsJsonAsync("/api/auth/signup",
            SignUpForm("newcomer@example.com", Token(forSomeoneElse))), 403);
        await AssertProblem(await Server.Client().PostAsJsonAsync("/api/auth/signup", SignUpForm("newcomer@example.com", Token(used))), 410);
        await AssertProblem(await Server.Client().PostAsJsonAsync("/api/auth/signup", SignUpForm("newcomer@example.com", "unknown")), 404);

        Assert.Contains("someone@example.com", mismatch.GetProperty("detail").GetString());
        Assert.Equal(users, await DbAsync(db => db.Users.CountAsync()));
    }
}


/// Sign-up by invitation only: the invitation is the way in, once.
public sealed class InviteOnlyInvitationTests(InviteOnlySignUpServer server) : InvitationTest<InviteOnlySignUpServer>(server)
{
    [Fact]
    public async Task A_pending_invitation_signs_up_and_joins_and_then_lets_nobody_else_in()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var invitation = await InviteAsync(owner, Id(plan));
        var browser = new Browser(Server);

        var me = await OkJson(browser.Client.PostAsJsonAsync("/api/auth/signup", SignUpForm("newcomer@example.com", Token(invitation))));

        Assert.Equal("free", me.GetProperty("tier").GetString());
        Assert.Equal("editor", (await GetPlanAsync(browser.Client, Id(plan))).GetProperty("role").GetString());
        Assert.Equal("member.added", (await HistoryActionsAsync(Id(plan)))[^1]);

        var again = await AssertProblem(await Server.Client().PostAsJsonAsync("/api/auth/signup",
            SignUpForm("second@example.com", Token(invitation))), 403);
        Assert.StartsWith("Sign-up is by invitation only. This invitation has already been used", again.GetProperty("detail").GetString());
        Assert.False(await DbAsync(db => db.Users.AnyAsync(u => u.Email == "second@example.com")));
    }

    [Fact]
    public async Task Simultaneous_sign_ups_with_one_invitation_make_one_account()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var invitation = await InviteAsync(owner, Id(plan));
        var users = await DbAsync(db => db.Users.CountAsync());

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(i =>
            Server.Client().PostAsJsonAsync("/api/auth/signup", SignUpForm($"newcomer{i}@example.com", Token(invitation)))));

        Assert.Equal(1, answers.Count(a => (int)a.StatusCode == 201));
        Assert.Equal(users + 1, await DbAsync(db => db.Users.CountAsync()));
        Assert.Equal(2, await DbAsync(db => db.PlanMembers.CountAsync(m => m.PlanId == Id(plan))));
    }
}
