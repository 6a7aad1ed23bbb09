using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Accounts;
using Unbuilt.Tests.Accounts;

namespace Unbuilt.Tests.Plans;

/// Making, listing, previewing and revoking invitation links: the owner's side, and what a link shows.
public sealed class InvitationLinkTests(InvitationServer server) : InvitationTest<InvitationServer>(server)
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
    public async Task Deleting_the_plan_deletes_its_invitations()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var invitation = await InviteAsync(owner, Id(plan));

        Assert.Equal(204, (int)(await owner.DeleteAsync($"/api/plans/{Id(plan)}")).StatusCode);

        await AssertProblem(await Server.Client().GetAsync($"/api/invitations/{Token(invitation)}"), 404);
        Assert.Equal(0, await DbAsync(db => db.PlanInvitations.CountAsync()));
    }
}
