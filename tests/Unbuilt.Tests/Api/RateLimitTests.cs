using System.Net;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;

namespace Unbuilt.Tests.Api;

/// Five 401/403 answers per address per minute. Its own server: the flood blocks the test's address for a minute.
public sealed class FailedAuthLimitServer : UnbuiltServer
{
    protected override IEnumerable<string> Settings => ["Unbuilt:RateLimits:FailedAuthPerMinute=5"];
}

/// A limit that holds before the caller's identity is known: 401 and 403 answers per address.
public sealed class FailedAuthLimitTests(FailedAuthLimitServer server) : IntegrationTest<FailedAuthLimitServer>(server)
{
    [Fact]
    public async Task A_flood_of_bad_tokens_gets_429_and_then_even_a_good_token_waits()
    {
        var user = await Server.CreateUserAsync("user@example.com");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 12; i++) statuses.Add((await Server.Client($"ubt_not-a-token-{i}").GetAsync("/api/me")).StatusCode);

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 5), statuses.Take(5));
        Assert.All(statuses.Skip(5), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        var blocked = await Server.Client(user).GetAsync("/api/me");
        await AssertProblem(blocked, 429);
        Assert.True(blocked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
    }
}

/// Eight requests per address per minute to routes outside /api, and a count of OpenAPI documents built.
public sealed class OtherRoutesLimitServer : UnbuiltServer
{
    private int documentsBuilt;

    public int DocumentsBuilt => Volatile.Read(ref documentsBuilt);

    protected override IEnumerable<string> Settings => ["Unbuilt:RateLimits:OtherPerMinute=8"];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.Configure<OpenApiOptions>("v1", options => options.AddDocumentTransformer((_, _, _) =>
        {
            Interlocked.Increment(ref documentsBuilt);
            return Task.CompletedTask;
        }));
}

/// Anonymous routes outside /api are limited per address, and the OpenAPI document is built once per process.
public sealed class OtherRoutesLimitTests(OtherRoutesLimitServer server) : IntegrationTest<OtherRoutesLimitServer>(server)
{
    [Fact]
    public async Task The_OpenAPI_document_is_built_once_and_routes_outside_the_API_are_limited_per_address()
    {
        var client = Server.Client();
        var first = await client.GetStringAsync("/openapi/v1.json");
        var again = await client.GetStringAsync("/openapi/v1.json");
        Assert.Equal(first, again);
        Assert.Contains("\"/api/tasks/{taskId}\"", first);
        Assert.DoesNotContain("\"servers\"", first);

        var statuses = new List<HttpStatusCode> { HttpStatusCode.OK, HttpStatusCode.OK };
        for (var i = 0; i < 8; i++) statuses.Add((await client.GetAsync(i % 2 == 0 ? "/health/live" : "/openapi/v1.json")).StatusCode);

        Assert.Equal(1, Server.DocumentsBuilt);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, 8), statuses.Take(8));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(8));
    }
}
