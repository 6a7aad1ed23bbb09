using System.Net.Http.Json;

namespace Unbuilt.Tests.Accounts;

public sealed class StrictLoginServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings => ["Unbuilt:RateLimits:FailedLoginsPerEmail=3"];
}

public sealed class LoginRateLimitTests(StrictLoginServer server) : IntegrationTest<StrictLoginServer>(server)
{
    [Fact]
    public async Task Repeated_failures_lock_the_email_with_429_and_retry_after()
    {
        await Server.CreateUserAsync("ada@example.com");
        var client = Server.Client();
        for (var i = 0; i < 3; i++)
            await AssertProblem(await client.PostAsJsonAsync("/api/auth/login", new { email = "ada@example.com", password = "guess " + i }), 401);

        var locked = await client.PostAsJsonAsync("/api/auth/login", new { email = "ada@example.com", password = UnbuiltServer.Password });

        await AssertProblem(locked, 429);
        Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }

    [Fact]
    public async Task Failures_from_elsewhere_do_not_lock_out_the_browser_that_signed_in_before()
    {
        await Server.CreateUserAsync("ada@example.com");
        var owner = new Browser(Server);
        Assert.Equal(200, (int)(await owner.LoginAsync("ada@example.com")).StatusCode);
        var device = owner.Cookies.GetCookies(new Uri(Server.BaseAddress, "/api/auth/login"))["unbuilt_device"];
        Assert.NotNull(device);
        Assert.True(device.HttpOnly);
        Assert.Equal(204, (int)(await owner.SendAsync(HttpMethod.Post, "/api/auth/logout")).StatusCode);

        var attacker = new Browser(Server);
        for (var i = 0; i < 10; i++) await attacker.LoginAsync("ada@example.com", "guess " + i);

        await AssertProblem(await attacker.LoginAsync("ada@example.com"), 429);
        await AssertProblem(await new Browser(Server).LoginAsync("ada@example.com"), 429);
        Assert.Equal(200, (int)(await owner.LoginAsync("ada@example.com")).StatusCode);
    }

    [Fact]
    public async Task A_forged_device_cookie_counts_as_none()
    {
        await Server.CreateUserAsync("ada@example.com");
        var attacker = new Browser(Server);
        attacker.Cookies.Add(new Uri(Server.BaseAddress, "/api/auth/"), new System.Net.Cookie("unbuilt_device", "forged", "/api/auth"));
        for (var i = 0; i < 3; i++) await attacker.LoginAsync("ada@example.com", "guess " + i);

        await AssertProblem(await attacker.LoginAsync("ada@example.com"), 429);
    }

    [Fact]
    public async Task A_device_cookie_for_another_account_does_not_exempt_this_one()
    {
        await Server.CreateUserAsync("ada@example.com");
        await Server.CreateUserAsync("eve@example.com");
        var eve = new Browser(Server);
        Assert.Equal(200, (int)(await eve.LoginAsync("eve@example.com")).StatusCode);
        await eve.SendAsync(HttpMethod.Post, "/api/auth/logout");
        for (var i = 0; i < 3; i++) await eve.LoginAsync("ada@example.com", "guess " + i);

        await AssertProblem(await eve.LoginAsync("ada@example.com"), 429);
    }

    [Fact]
    public async Task Failures_from_the_owners_browser_throttle_that_browser()
    {
        await Server.CreateUserAsync("ada@example.com");
        var owner = new Browser(Server);
        await owner.LoginAsync("ada@example.com");
        await owner.SendAsync(HttpMethod.Post, "/api/auth/logout");
        for (var i = 0; i < 3; i++) await owner.LoginAsync("ada@example.com", "typo " + i);

        await AssertProblem(await owner.LoginAsync("ada@example.com"), 429);
    }
}
