using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Unbuilt.Hosting;

namespace Unbuilt.Tests;

public sealed class HostingTests(UnbuiltServer server) : IntegrationTest(server)
{
    [Fact]
    public async Task Ready_when_the_database_answers_and_is_migrated()
    {
        var ready = await Server.Client().GetAsync("/health/ready");
        Assert.Equal(200, (int)ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(200, (int)(await Server.Client().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_lists_the_api()
    {
        var document = await Server.Client().GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/auth/login", document);
        Assert.Contains("/api/me/tokens", document);
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem_not_the_web_app()
    {
        await AssertProblem(await Server.Client().GetAsync("/api/no-such-thing"), 404);
    }

    [Fact]
    public async Task A_huge_body_is_refused_with_413()
    {
        var user = await Server.CreateUserAsync("ada@example.com");
        var huge = new { name = new string('x', 2 * 1024 * 1024) };
        await AssertProblem(await Server.Client(user).PostAsJsonAsync("/api/me/tokens", huge), 413);
    }

    [Fact]
    public async Task A_number_where_a_string_belongs_is_400()
    {
        var user = await Server.CreateUserAsync("ada@example.com");
        await AssertProblem(await Server.Client(user).PostAsJsonAsync("/api/me/tokens", new { name = 42 }), 400);
    }

    [Fact]
    public async Task A_rollout_minimum_below_one_request_stops_the_start()
    {
        var directory = Directory.CreateTempSubdirectory("unbuilt-options-");
        try
        {
            await using var app = UnbuiltWebApp.Build(["--urls=http://127.0.0.1:0", $"--Unbuilt:DataDirectory={directory.FullName}",
                "--Unbuilt:Rollout:MinSamples=0"], builder => builder.Logging.ClearProviders());
            var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains("Unbuilt:Rollout:MinSamples must be at least 1.", refused.Message);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
