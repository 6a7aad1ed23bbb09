using System.Net.Http.Json;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Accounts;

/// An admin disables a user: no sign-in, no session, no API token, and no hint that the account exists.
public sealed class DisabledUserTests(UnbuiltServer server) : IntegrationTest(server)
{
    [Fact]
    public async Task A_disabled_users_cookie_and_token_are_refused_and_login_looks_like_a_wrong_password()
    {
        var root = await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        var ada = await Server.CreateUserAsync("ada@example.com");
        var browser = new Browser(Server);
        await browser.LoginAsync(ada.Email);
        Assert.Equal(200, (int)(await browser.Client.GetAsync("/api/me")).StatusCode);

        var patched = await OkJson(Server.Client(root).PatchAsJsonAsync($"/api/admin/users/{ada.Id}", new { disabled = true }));

        Assert.True(patched.GetProperty("disabled").GetBoolean());
        await AssertProblem(await browser.Client.GetAsync("/api/me"), 401);
        await AssertProblem(await Server.Client(ada).GetAsync("/api/me"), 401);
        var refused = await AssertProblem(await new Browser(Server).LoginAsync(ada.Email), 401);
        Assert.Equal("Email or password is wrong.", refused.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task An_enabled_user_signs_in_again_and_their_token_works_again()
    {
        var root = await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        var ada = await Server.CreateUserAsync("ada@example.com");
        await OkJson(Server.Client(root).PatchAsJsonAsync($"/api/admin/users/{ada.Id}", new { disabled = true }));

        await OkJson(Server.Client(root).PatchAsJsonAsync($"/api/admin/users/{ada.Id}", new { disabled = false }));

        Assert.Equal(200, (int)(await Server.Client(ada).GetAsync("/api/me")).StatusCode);
        Assert.Equal(200, (int)(await new Browser(Server).LoginAsync(ada.Email)).StatusCode);
    }

    [Fact]
    public async Task An_admin_cannot_disable_themselves()
    {
        var root = await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);

        await AssertProblem(await Server.Client(root).PatchAsJsonAsync($"/api/admin/users/{root.Id}", new { disabled = true }), 409);

        Assert.Equal(200, (int)(await Server.Client(root).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_non_admin_cannot_disable_anyone()
    {
        var ada = await Server.CreateUserAsync("ada@example.com");
        var bob = await Server.CreateUserAsync("bob@example.com");

        await AssertProblem(await Server.Client(bob).PatchAsJsonAsync($"/api/admin/users/{ada.Id}", new { disabled = true }), 403);

        Assert.Equal(200, (int)(await Server.Client(ada).GetAsync("/api/me")).StatusCode);
    }
}
