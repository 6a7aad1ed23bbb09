using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Unbuilt.Accounts;

namespace Unbuilt.Tests.Accounts;

/// Server-side sessions: a cookie is only as good as its session row.
public sealed class SessionTests(UnbuiltServer server) : IntegrationTest(server)
{
    private const string Ada = "ada@example.com";

    private async Task<Browser> SignedInAsync(string email = Ada)
    {
        var browser = new Browser(Server);
        Assert.Equal(200, (int)(await browser.LoginAsync(email)).StatusCode);
        return browser;
    }

    [Fact]
    public async Task A_copy_of_the_cookie_taken_before_logout_is_refused_after_it()
    {
        await Server.CreateUserAsync(Ada);
        var browser = await SignedInAsync();
        var thief = browser.CopyOfCookie();
        Assert.Equal(200, (int)(await thief.GetAsync("/api/me")).StatusCode);

        Assert.Equal(204, (int)(await browser.SendAsync(HttpMethod.Post, "/api/auth/logout")).StatusCode);

        await AssertProblem(await thief.GetAsync("/api/me"), 401);
        Assert.NotNull(await DbAsync(db => db.UserSessions.SingleAsync(s => s.RevokedAt != null)));
    }

    [Fact]
    public async Task A_revoked_sessions_cookie_is_refused_though_its_ticket_is_kept()
    {
        await Server.CreateUserAsync(Ada);
        var browser = await SignedInAsync();
        var thief = browser.CopyOfCookie();
        Assert.Equal(200, (int)(await thief.GetAsync("/api/me")).StatusCode);
        var cookies = Server.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(AccountsSetup.CookieScheme);
        var cache = Assert.IsType<CookieTicketCache>(cookies.TicketDataFormat);
        Assert.NotNull(cache.Unprotect(browser.Cookie(AccountsSetup.CookieName))); // the ticket is kept

        // Revoked straight in the database, as another node or the CLI does: this node hears of it only by reading.
        await DbAsync(db => db.UserSessions.ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, DateTime.UtcNow)));
        Server.Services.GetRequiredService<SignedInUsers>().ForgetAll(); // as when the refresh window has passed

        await AssertProblem(await thief.GetAsync("/api/me"), 401);
    }

    [Fact]
    public async Task A_tampered_cookie_is_refused_though_the_genuine_one_is_kept()
    {
        await Server.CreateUserAsync(Ada);
        var browser = await SignedInAsync();
        Assert.Equal(200, (int)(await browser.Client.GetAsync("/api/me")).StatusCode);
        var genuine = browser.Cookie(AccountsSetup.CookieName)!;

        foreach (var tampered in new[] { genuine[..^1] + (genuine[^1] == 'A' ? 'B' : 'A'), genuine + "A", genuine[..^4], "x" + genuine })
        {
            var forged = new HttpClient { BaseAddress = Server.BaseAddress };
            forged.DefaultRequestHeaders.Add("Cookie", $"{AccountsSetup.CookieName}={tampered}");
            await AssertProblem(await forged.GetAsync("/api/me"), 401);
        }
        Assert.Equal(200, (int)(await browser.Client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task The_session_list_shows_each_sign_in_and_marks_the_current_one()
    {
        await Server.CreateUserAsync(Ada);
        var first = await SignedInAsync();
        await SignedInAsync();

        var list = await OkJson(first.Client.GetAsync("/api/me/sessions"));

        Assert.Equal(2, list.GetArrayLength());
        Assert.Single(list.EnumerateArray(), s => s.GetProperty("current").GetBoolean());
        Assert.All(list.EnumerateArray(), s => Assert.False(s.TryGetProperty("secretHash", out _)));
    }

    [Fact]
    public async Task A_revoked_session_is_refused_and_another_users_session_is_404()
    {
        await Server.CreateUserAsync(Ada);
        var bob = await Server.CreateUserAsync("bob@example.com");
        var laptop = await SignedInAsync();
        var phone = await SignedInAsync();
        var bobs = await SignedInAsync(bob.Email);
        var phoneId = (await OkJson(phone.Client.GetAsync("/api/me/sessions"))).EnumerateArray()
            .Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetInt32();

        await AssertProblem(await bobs.SendAsync(HttpMethod.Delete, $"/api/me/sessions/{phoneId}"), 404);
        Assert.Equal(200, (int)(await phone.Client.GetAsync("/api/me")).StatusCode);

        Assert.Equal(204, (int)(await laptop.SendAsync(HttpMethod.Delete, $"/api/me/sessions/{phoneId}")).StatusCode);

        await AssertProblem(await phone.Client.GetAsync("/api/me"), 401);
        Assert.Equal(200, (int)(await laptop.Client.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_password_change_ends_the_other_sessions_and_keeps_this_one()
    {
        await Server.CreateUserAsync(Ada);
        var laptop = await SignedInAsync();
        var stolen = (await SignedInAsync()).CopyOfCookie();

        var change = await laptop.SendAsync(HttpMethod.Post, "/api/me/password",
            new { currentPassword = UnbuiltServer.Password, newPassword = "a much longer secret" });

        Assert.Equal(204, (int)change.StatusCode);
        await AssertProblem(await stolen.GetAsync("/api/me"), 401);
        Assert.Equal(200, (int)(await laptop.Client.GetAsync("/api/me")).StatusCode);
        await AssertProblem(await new Browser(Server).LoginAsync(Ada), 401);
        Assert.Equal(200, (int)(await new Browser(Server).LoginAsync(Ada, "a much longer secret")).StatusCode);
    }

    [Theory]
    [InlineData("wrong password here", "a much longer secret", "currentPassword")]
    [InlineData(UnbuiltServer.Password, "too short", "newPassword")]
    [InlineData(UnbuiltServer.Password, "             ", "newPassword")]
    public async Task A_wrong_current_password_or_a_weak_new_one_is_400_and_changes_nothing(string current, string next, string field)
    {
        await Server.CreateUserAsync(Ada);
        var laptop = await SignedInAsync();
        var other = (await SignedInAsync()).CopyOfCookie();

        var problem = await AssertProblem(await laptop.SendAsync(HttpMethod.Post, "/api/me/password",
            new { currentPassword = current, newPassword = next }), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(200, (int)(await other.GetAsync("/api/me")).StatusCode);
        Assert.Equal(200, (int)(await new Browser(Server).LoginAsync(Ada)).StatusCode);
    }

    [Fact]
    public async Task A_csrf_token_from_another_session_is_refused()
    {
        await Server.CreateUserAsync(Ada);
        var victim = await SignedInAsync();
        var attacker = await SignedInAsync();
        var attackersToken = attacker.Cookie("unbuilt_csrf");
        Assert.NotEqual(victim.Cookie("unbuilt_csrf"), attackersToken);

        // The attacker plants their own token as the victim's CSRF cookie and header (a cookie-tossing attack).
        victim.Cookies.Add(Server.BaseAddress, new System.Net.Cookie("unbuilt_csrf", attackersToken));
        await AssertProblem(await victim.SendAsync(HttpMethod.Post, "/api/me/tokens", new { name = "forged" }, attackersToken), 403);

        Assert.Equal(0, await DbAsync(db => db.ApiTokens.CountAsync(t => t.Name == "forged")));
    }

    [Fact]
    public async Task Signing_in_again_replaces_the_csrf_token()
    {
        await Server.CreateUserAsync(Ada);
        var browser = await SignedInAsync();
        var old = browser.Cookie("unbuilt_csrf");
        // Signed in already, so the login itself is a cookie write and carries the header.
        Assert.Equal(200, (int)(await browser.SendAsync(HttpMethod.Post, "/api/auth/login",
            new { email = Ada, password = UnbuiltServer.Password })).StatusCode);

        Assert.NotEqual(old, browser.Cookie("unbuilt_csrf"));
        await AssertProblem(await browser.SendAsync(HttpMethod.Post, "/api/me/tokens", new { name = "x" }, old), 403);
        Assert.Equal(201, (int)(await browser.SendAsync(HttpMethod.Post, "/api/me/tokens", new { name = "x" })).StatusCode);
    }
}
