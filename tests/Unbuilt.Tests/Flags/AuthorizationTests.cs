using System.Net;
using System.Net.Http.Json;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Flags;

/// Writes and admin views are for admins (token or cookie); check and user/features for any signed-in user.
public sealed class AuthorizationTests(UnbuiltServer server) : FlagTest(server)
{
    public static TheoryData<string, string> AdminRoutes => new()
    {
        { "GET", "" },
        { "GET", "/{flag}" },
        { "POST", "" },
        { "PATCH", "/{flag}" },
        { "PATCH", "/{flag}/rollout" },
        { "PUT", "/{flag}/phases/internal/segments" },
        { "POST", "/{flag}/users" },
        { "DELETE", "/{flag}/users/1" },
        { "POST", "/cache/clear" },
        { "POST", "/{flag}/init" },
        { "POST", "/{flag}/deploy" },
        { "POST", "/{flag}/rollback" },
        { "POST", "/{flag}/advance" },
        { "GET", "/{flag}/status" },
        { "GET", "/{flag}/history" },
        { "GET", "/{flag}/evaluate?userId=1" },
    };

    private static HttpRequestMessage Request(string method, string path)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), $"{Api}{path.Replace("{flag}", Flag, StringComparison.Ordinal)}");
        if (method != "GET" && method != "DELETE")
            request.Content = JsonContent.Create(new { name = Flag, phase = "general", percentage = 100, userId = 1, enabled = true });
        return request;
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task A_non_admin_gets_403_and_changes_nothing(string method, string path)
    {
        var admin = await AdminAsync();
        await InitAsync(admin);
        var pro = await Server.CreateUserAsync("pro@example.com", Tier.Pro);
        var before = (await GetFlagAsync(admin)).GetRawText();

        await AssertProblem(await Server.Client(pro).SendAsync(Request(method, path)), 403);

        Assert.Equal(before, (await GetFlagAsync(admin)).GetRawText());
        Assert.Equal(1, (await OkJson(admin.GetAsync($"{Api}/{Flag}/history"))).GetArrayLength());
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task Nobody_signed_out_gets_in(string method, string path) =>
        await AssertProblem(await Server.Client().SendAsync(Request(method, path)), 401);

    [Theory]
    [InlineData("/check/action_plan_customization")]
    [InlineData("/user/features")]
    public async Task Check_and_features_need_a_signed_in_user(string path)
    {
        var free = await Server.CreateUserAsync("free@example.com");
        await AssertProblem(await Server.Client().GetAsync(Api + path), 401);
        await OkJson(Server.Client(free).GetAsync(Api + path));
    }

    [Fact]
    public async Task An_admin_signed_in_with_a_cookie_changes_flags_with_the_csrf_header()
    {
        await Server.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        var cookies = new CookieContainer();
        var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = Server.BaseAddress };
        await OkJson(browser.PostAsJsonAsync("/api/auth/login", new { email = "root@example.com", password = UnbuiltServer.Password }));

        await AssertProblem(await browser.PostAsync($"{Api}/{Flag}/init", null), 403);
        var csrf = cookies.GetCookies(Server.BaseAddress)["unbuilt_csrf"]!.Value;
        browser.DefaultRequestHeaders.Add("X-CSRF-Token", csrf);
        await OkJson(browser.PostAsync($"{Api}/{Flag}/init", null));

        var history = await OkJson(browser.GetAsync($"{Api}/{Flag}/history"));
        Assert.Equal("root@example.com", history[0].GetProperty("actor").GetString());
    }
}
