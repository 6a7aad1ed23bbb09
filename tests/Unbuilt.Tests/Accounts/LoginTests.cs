using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Accounts;

public sealed class LoginTests(UnbuiltServer server) : IntegrationTest(server)
{
    private (HttpClient Client, CookieContainer Cookies) Browser()
    {
        var cookies = new CookieContainer();
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Server.BaseAddress };
        return (client, cookies);
    }

    private static object Credentials(string password = UnbuiltServer.Password) => new { email = "ada@example.com", password };

    [Fact]
    public async Task Login_sets_an_http_only_cookie_that_signs_the_browser_in()
    {
        await Server.CreateUserAsync("ada@example.com");
        var (browser, _) = Browser();

        var login = await browser.PostAsJsonAsync("/api/auth/login", Credentials());

        Assert.Equal(200, (int)login.StatusCode);
        var setCookies = login.Headers.GetValues("Set-Cookie").ToList();
        var auth = Assert.Single(setCookies, c => c.StartsWith("unbuilt_auth=", StringComparison.Ordinal));
        Assert.Contains("httponly", auth, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", auth, StringComparison.OrdinalIgnoreCase);
        var csrf = Assert.Single(setCookies, c => c.StartsWith("unbuilt_csrf=", StringComparison.Ordinal));
        Assert.DoesNotContain("httponly", csrf, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("ada@example.com", (await ReadJson(await browser.GetAsync("/api/me"))).GetProperty("email").GetString());
    }

    [Fact]
    public async Task A_signed_in_admin_demoted_through_the_api_loses_admin_access_on_the_next_request()
    {
        var root = await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        var ada = await Server.CreateUserAsync("ada@example.com", Tier.Free, Role.Admin);
        var (browser, _) = Browser();
        await browser.PostAsJsonAsync("/api/auth/login", Credentials());
        Assert.Equal(200, (int)(await browser.GetAsync("/api/admin/users")).StatusCode); // her row is now the kept one

        await Server.Client(root).PatchAsJsonAsync($"/api/admin/users/{ada.Id}", new { role = "user" });

        await AssertProblem(await browser.GetAsync("/api/admin/users"), 403);
    }

    [Fact]
    public async Task A_wrong_password_is_401_and_audited_as_a_warning()
    {
        var user = await Server.CreateUserAsync("ada@example.com");

        var problem = await AssertProblem(await Browser().Client.PostAsJsonAsync("/api/auth/login", Credentials("wrong password")), 401);

        Assert.Equal("Email or password is wrong.", problem.GetProperty("detail").GetString());
        var row = await Server.WithServicesAsync(s => s.GetRequiredService<UnbuiltDbContext>()
            .SecurityAuditLogs.SingleAsync(l => l.Action == "auth.login_failed"));
        Assert.Equal("warning", row.Severity);
        Assert.Equal(user.Id, row.UserId);
        Assert.False(row.Success);
    }

    [Fact]
    public async Task An_unknown_email_gets_the_same_answer_as_a_wrong_password()
    {
        var problem = await AssertProblem(await Browser().Client.PostAsJsonAsync("/api/auth/login", Credentials()), 401);
        Assert.Equal("Email or password is wrong.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Malformed_json_is_400_problem_details_that_say_so()
    {
        using var body = new StringContent("{\"email\": ", System.Text.Encoding.UTF8, "application/json");
        var problem = await AssertProblem(await Browser().Client.PostAsync("/api/auth/login", body), 400);
        Assert.Contains("JSON", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Missing_fields_are_400_with_errors_by_field()
    {
        var problem = await AssertProblem(await Browser().Client.PostAsJsonAsync("/api/auth/login", new { email = "" }), 400);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("password", out _));
    }

    [Fact]
    public async Task A_cookie_write_without_the_csrf_header_is_refused_and_with_it_allowed()
    {
        await Server.CreateUserAsync("ada@example.com");
        var (browser, cookies) = Browser();
        await browser.PostAsJsonAsync("/api/auth/login", Credentials());

        var forged = await browser.PostAsJsonAsync("/api/me/tokens", new { name = "forged" });
        var problem = await AssertProblem(forged, 403);
        Assert.Contains("X-CSRF-Token", problem.GetProperty("detail").GetString());

        var csrf = cookies.GetCookies(Server.BaseAddress)["unbuilt_csrf"]!.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/me/tokens") { Content = JsonContent.Create(new { name = "real" }) };
        request.Headers.Add("X-CSRF-Token", csrf);
        Assert.Equal(201, (int)(await browser.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_cookie_session()
    {
        await Server.CreateUserAsync("ada@example.com");
        var (browser, cookies) = Browser();
        await browser.PostAsJsonAsync("/api/auth/login", Credentials());
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("X-CSRF-Token", cookies.GetCookies(Server.BaseAddress)["unbuilt_csrf"]!.Value);

        Assert.Equal(204, (int)(await browser.SendAsync(logout)).StatusCode);
        await AssertProblem(await browser.GetAsync("/api/me"), 401);
    }
}
