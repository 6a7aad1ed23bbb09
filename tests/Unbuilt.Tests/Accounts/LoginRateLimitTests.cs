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
}
