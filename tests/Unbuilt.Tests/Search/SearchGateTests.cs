using System.Net.Http.Json;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Search;

/// Without the flag, search, templates and plans do not exist for the caller.
public sealed class SearchGateTests(UnbuiltServer server) : IntegrationTest(server)
{
    [Theory]
    [InlineData("GET", "/api/searches")]
    [InlineData("GET", "/api/search/1")]
    [InlineData("POST", "/api/search")]
    [InlineData("GET", "/api/templates")]
    [InlineData("GET", "/api/plans")]
    [InlineData("POST", "/api/plans")]
    [InlineData("GET", "/api/plans/1")]
    [InlineData("PATCH", "/api/tasks/1")]
    [InlineData("GET", "/api/plans/1/export?format=csv")]
    public async Task With_the_flag_off_every_route_is_a_404_naming_the_feature(string method, string url)
    {
        var user = await Server.CreateUserAsync("pro@example.com", Tier.Pro);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET") request.Content = JsonContent.Create(new { query = "x", title = "x" });

        var problem = await AssertProblem(await Server.Client(user).SendAsync(request), 404);

        Assert.Equal("action_plan_customization", problem.GetProperty("feature").GetString());
    }

    [Fact]
    public async Task Signed_out_callers_get_401()
    {
        await AssertProblem(await Server.Client().GetAsync("/api/plans"), 401);
    }
}
