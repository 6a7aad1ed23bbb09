using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Accounts;
using Unbuilt.Plans.Changes;
using Unbuilt.Tests.Accounts;

namespace Unbuilt.Tests.Plans;

/// Small member and invitation limits, and every published change recorded in place of the real-time layer.
public sealed class InvitationServer : UnbuiltServer
{
    public ConcurrentQueue<PlanChange> Published { get; } = new();

    protected override IEnumerable<string> Settings => ["Unbuilt:Limits:MembersPerPlan=4", "Unbuilt:Limits:PendingInvitationsPerPlan=3"];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<IPlanChangePublisher>(new Recorder(Published));

    private sealed class Recorder(ConcurrentQueue<PlanChange> published) : IPlanChangePublisher
    {
        public ValueTask PublishAsync(PlanChange change, CancellationToken ct)
        {
            published.Enqueue(change);
            return ValueTask.CompletedTask;
        }
    }
}

/// Helpers shared by the invitation tests of each sign-up mode.
public abstract class InvitationTest<TServer>(TServer server) : PlanTest<TServer>(server) where TServer : UnbuiltServer
{
    protected static async Task<JsonElement> InviteAsync(HttpClient owner, int planId, string role = "editor", string? email = null) =>
        await OkJson(owner.PostAsJsonAsync($"/api/plans/{planId}/invitations", new { role, email }));

    protected static string Token(JsonElement invitation) => invitation.GetProperty("token").GetString()!;

    protected static Task<HttpResponseMessage> AcceptAsync(HttpClient client, JsonElement invitation) =>
        client.PostAsync($"/api/invitations/{Token(invitation)}/accept", null);

    protected static object SignUpForm(string email, string? invitation, string displayName = "Newcomer") =>
        new { email, displayName, password = "plum tractor violin", invitation };

    protected Task<List<string>> HistoryActionsAsync(int planId) =>
        DbAsync(db => db.TaskHistory.Where(h => h.PlanId == planId).OrderBy(h => h.Id).Select(h => h.Action).ToListAsync());

    protected Task<string?> RoleOfAsync(int planId, int userId) => DbAsync(db => db.PlanMembers
        .Where(m => m.PlanId == planId && m.UserId == userId).Select(m => m.Role.ToString().ToLowerInvariant()).FirstOrDefaultAsync());

    protected Task ExpireAsync(int invitationId) => DbAsync(db => db.PlanInvitations.Where(i => i.Id == invitationId)
        .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
}

public sealed class InvitationTests(InvitationServer server) : InvitationTest<InvitationServer>(server)
{
    [Fact]
    public async Task Creating_answers_the_token_and_link_once_and_stores_only_the_tokens_hash()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);

        var response = await owner.PostAsJsonAsync($"/api/plans/{Id(plan)}/invitations", new { role = "editor", email = " Guest@Example.com" });

        Assert.Equal(201, (int)response.StatusCode);
        var created = await ReadJson(response);
        Assert.Equal(["id", "token", "url", "role", "email", "createdAt", "expiresAt"], created.EnumerateObject().Select(p => p.Name));
        var token = Token(created);
        Assert.True(token.Length >= 43, token);
        Assert.Equal(new Uri(Server.BaseAddress, $"/invitations/{token}").ToString(), created.GetProperty("url").GetString());
        Assert.Equal(("editor", "guest@example.com"), (created.GetProperty("role").GetString(), created.GetProperty("email").GetString()));
        Assert.Equal(TimeSpan.FromDays(7), created.GetProperty("expiresAt").GetDateTime() - created.GetProperty("createdAt").GetDateTime());

        var stored = await DbAsync(db => db.PlanInvitations.SingleAsync());
        Assert.Equal(TokenSecrets.Hash(token), stored.TokenHash);
        Assert.Equal(0, await DbAsync(db => db.IdempotencyRecords.CountAsync()));
        var audit = await DbAsync(db => db.SecurityAuditLogs.SingleAsync(l => l.Action == "plan.invitation_created"));
        Assert.Equal(stored.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), audit.ResourceId);
        Assert.DoesNotContain(token, audit.Details ?? "");
    }

    [Fact]
    public async Task The_answer_is_the_same_whether_or_not_an_account_uses_the_email()
    {
        var owner = await UserAsync("owner@example.com");
        await TestUserAsync("known@example.com");
        var plan = await CreatePlanAsync(owner);
        var invitations = $"/api/plans/{Id(plan)}/invitations";

        var known = await owner.PostAsJsonAsync(invitations, new { role = "viewer", email = "known@example.com" });
        var unknown = await owner.PostAsJsonAsync(invitations, new { role = "viewer", email = "nobody@example.com" });

        Assert.Equal(201, (int)known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(Shape(await ReadJson(known)), Shape(await ReadJson(unknown)));
        Assert.Equal(HeaderNames(known), HeaderNames(unknown));
        Assert.Equal(known.Content.Headers.ContentType, unknown.Content.Headers.ContentType);
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        // Neither made anyone a member.
        Assert.Single((await OkJson(owner.GetAsync($"/api/plans/{Id(plan)}/members"))).EnumerateArray());
    }

    /// Each property's name and kind, and its value where it does not differ by invitation.
    private static string Shape(JsonElement created) => string.Join(",", created.EnumerateObject().Select(p =>
        p.Name is "role" ? $"{p.Name}={p.Value}" : $"{p.Name}:{p.Value.ValueKind}:{(p.Name == "url" ? p.Value.GetString()!.Length : 0)}"));

    private static List<string> HeaderNames(HttpResponseMessage response) =>
        [.. response.Headers.Select(h => h.Key).Where(n => n != "Date").Order(StringComparer.OrdinalIgnoreCase)];

    [Fact]
    public async Task The_owner_lists_the_pending_invitations_without_their_tokens()
    {
        var owner = await TestUserAsync("owner@example.com");
        var ownerClient = Server.Client(owner);
        var guest = await UserAsync("guest@example.com");
        var plan = await CreatePlanAsync(ownerClient);
        var kept = await InviteAsync(ownerClient, Id(plan), "viewer", "someone@example.com");
        var revoked = await InviteAsync(ownerClient, Id(plan));
        var accepted = await InviteAsync(ownerClient, Id(plan));
        Assert.Equal(204, (int)(await ownerClient.DeleteAsync($"/api/plans/{Id(plan)}/invitations/{Id(revoked)}")).StatusCode);
        await OkJson(AcceptAsync(guest, accepted));

        var list = await OkJson(ownerClient.GetAsync($"/api/plans/{Id(plan)}/invitations"));

        var only = Assert.Single(list.EnumerateArray());
        Assert.Equal(["id", "role", "email", "createdAt", "expiresAt", "createdBy"], only.EnumerateObject().Select(p => p.Name));
        Assert.Equal((Id(kept), "viewer", "someone@example.com"),
            (Id(only), only.GetProperty("role").GetString(), only.GetProperty("email").GetString()));
        Assert.Equal($$"""{"id":{{owner.Id}},"displayName":"owner"}""", only.GetProperty("createdBy").GetRawText());

        await ExpireAsync(Id(kept));
        Assert.Empty((await OkJson(ownerClient.GetAsync($"/api/plans/{Id(plan)}/invitations"))).EnumerateArray());
    }

    [Fact]
    public async Task Anyone_with_the_link_sees_what_it_leads_to_without_signing_in()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var invitation = await InviteAsync(owner, Id(plan), "viewer", "guest@example.com");

        var preview = await OkJson(Server.Client().GetAsync($"/api/invitations/{Token(invitation)}"));

        Assert.Equal(["planId", "planTitle", "role", "invitedBy", "expiresAt", "email"], preview.EnumerateObject().Select(p => p.Name));
        Assert.Equal((Id(plan), plan.GetProperty("title").GetString(), "viewer", "owner", "guest@example.com"),
            (preview.GetProperty("planId").GetInt32(), preview.GetProperty("planTitle").GetString(), preview.GetProperty("role").GetString(),
                preview.GetProperty("invitedBy").GetString(), preview.GetProperty("email").GetString()));
        await AssertProblem(await Server.Client().GetAsync("/api/invitations/not-a-real-token"), 404);
        await AssertProblem(await Server.Client().GetAsync($"/api/invitations/{new string('a', 500)}"), 404);
    }

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
    public async Task Only_the_owner_makes_lists_and_revokes_invitations()
    {
        var owner = await UserAsync("owner@example.com");
        var editor = await UserAsync("editor@example.com");
        var viewer = await UserAsync("viewer@example.com");
        var stranger = await UserAsync("stranger@example.com");
        var plan = await CreatePlanAsync(owner);
        await OkJson(AcceptAsync(editor, await InviteAsync(owner, Id(plan), "editor")));
        await OkJson(AcceptAsync(viewer, await InviteAsync(owner, Id(plan), "viewer")));
        var invitation = await InviteAsync(owner, Id(plan));
        var routes = $"/api/plans/{Id(plan)}/invitations";

        foreach (var (client, status) in new[] { (stranger, 404), (editor, 403), (viewer, 403), (Server.Client(), 401) })
        {
            await AssertProblem(await client.PostAsJsonAsync(routes, new { role = "viewer" }), status);
            await AssertProblem(await client.GetAsync(routes), status);
            await AssertProblem(await client.DeleteAsync($"{routes}/{Id(invitation)}"), status);
        }

        Assert.Single((await OkJson(owner.GetAsync(routes))).EnumerateArray());
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
    public async Task Pending_invitations_per_plan_are_capped_and_revoking_one_makes_room()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var first = await InviteAsync(owner, Id(plan));
        await InviteAsync(owner, Id(plan));
        await InviteAsync(owner, Id(plan));

        var problem = await AssertProblem(await owner.PostAsJsonAsync($"/api/plans/{Id(plan)}/invitations", new { role = "viewer" }), 409);

        Assert.Equal(("Limit reached", "pendingInvitationsPerPlan", 3), (problem.GetProperty("title").GetString(),
            problem.GetProperty("limit").GetString(), problem.GetProperty("max").GetInt32()));
        Assert.Contains("Unbuilt:Limits:PendingInvitationsPerPlan", problem.GetProperty("detail").GetString());
        Assert.Equal(3, await DbAsync(db => db.PlanInvitations.CountAsync()));
        Assert.Equal(204, (int)(await owner.DeleteAsync($"/api/plans/{Id(plan)}/invitations/{Id(first)}")).StatusCode);
        await InviteAsync(owner, Id(plan));
    }

    [Fact]
    public async Task A_revoked_invitation_leads_nowhere_and_an_accepted_one_cannot_be_revoked()
    {
        var owner = await UserAsync("owner@example.com");
        var guest = await UserAsync("guest@example.com");
        var plan = await CreatePlanAsync(owner);
        var other = await CreatePlanAsync(owner, "meal planning for busy parents");
        var revoked = await InviteAsync(owner, Id(plan));
        var accepted = await InviteAsync(owner, Id(plan));
        var routes = $"/api/plans/{Id(plan)}/invitations";

        Assert.Equal(204, (int)(await owner.DeleteAsync($"{routes}/{Id(revoked)}")).StatusCode);
        Assert.Equal(204, (int)(await owner.DeleteAsync($"{routes}/{Id(revoked)}")).StatusCode);
        await AssertProblem(await Server.Client().GetAsync($"/api/invitations/{Token(revoked)}"), 404);
        await AssertProblem(await AcceptAsync(guest, revoked), 404);
        await AssertProblem(await owner.DeleteAsync($"{routes}/{Id(revoked) + 1000}"), 404);
        await AssertProblem(await owner.DeleteAsync($"/api/plans/{Id(other)}/invitations/{Id(accepted)}"), 404);

        await OkJson(AcceptAsync(guest, accepted));
        await AssertProblem(await owner.DeleteAsync($"{routes}/{Id(accepted)}"), 409);
        Assert.Equal(1, await DbAsync(db => db.SecurityAuditLogs.CountAsync(l => l.Action == "plan.invitation_revoked")));
    }

    [Fact]
    public async Task Bad_input_is_400_by_field()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var routes = $"/api/plans/{Id(plan)}/invitations";

        foreach (var (body, field) in new (object, string)[]
                 {
                     (new { }, "role"), (new { role = "owner" }, "role"), (new { role = "viewer", email = "not-an-email" }, "email"),
                     (new { role = "viewer", email = "" }, "email"), (new { role = "viewer", email = new string('a', 250) + "@x.io" }, "email"),
                 })
            Assert.True((await AssertProblem(await owner.PostAsJsonAsync(routes, body), 400)).GetProperty("errors").TryGetProperty(field, out _));
        await AssertProblem(await owner.PostAsJsonAsync(routes, new { role = "boss" }), 400);
        Assert.Equal(0, await DbAsync(db => db.PlanInvitations.CountAsync()));
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

    [Fact]
    public async Task Deleting_the_plan_deletes_its_invitations()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var invitation = await InviteAsync(owner, Id(plan));

        Assert.Equal(204, (int)(await owner.DeleteAsync($"/api/plans/{Id(plan)}")).StatusCode);

        await AssertProblem(await Server.Client().GetAsync($"/api/invitations/{Token(invitation)}"), 404);
        Assert.Equal(0, await DbAsync(db => db.PlanInvitations.CountAsync()));
    }

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
