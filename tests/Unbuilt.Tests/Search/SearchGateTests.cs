using System.Net.Http.Json;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Search;

/// The action-plans flag gates the plan features only: without it, templates and plans do not exist for the caller,
/// while search works for every signed-in user.
public sealed class SearchGateTests(UnbuiltServer server) : IntegrationTest(server)
{
    [Theory]
    [InlineData("GET", "/api/templates")]
    [InlineData("GET", "/api/plans")]
    [InlineData("POST", "/api/plans")]
    [InlineData("GET", "/api/plans/1")]
    [InlineData("PATCH", "/api/tasks/1")]
    [InlineData("GET", "/api/plans/1/export?format=csv")]
    public async Task With_the_flag_off_every_plan_route_is_a_404_naming_the_feature(string method, string url)
    {
        var user = await Server.CreateUserAsync("pro@example.com", Tier.Pro);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET") request.Content = JsonContent.Create(new { title = "x" });

        var problem = await AssertProblem(await Server.Client(user).SendAsync(request), 404);

        Assert.Equal("action_plan_customization", problem.GetProperty("feature").GetString());
    }

    [Fact]
    public async Task With_the_flag_off_search_works_for_every_signed_in_user()
    {
        var client = Server.Client(await Server.CreateUserAsync("free@example.com"));

        var created = await client.PostAsJsonAsync("/api/search", new { query = "invoicing for freelancers" });

        Assert.Equal(201, (int)created.StatusCode);
        var id = (await ReadJson(created)).GetProperty("id").GetInt32();
        Assert.Equal(id, (await OkJson(client.GetAsync($"/api/search/{id}"))).GetProperty("id").GetInt32());
        Assert.Equal(id, Assert.Single((await OkJson(client.GetAsync("/api/searches"))).EnumerateArray()).GetProperty("id").GetInt32());
    }

    [Theory]
    [InlineData("/api/plans")]
    [InlineData("/api/searches")]
    public async Task Signed_out_callers_get_401(string url)
    {
        await AssertProblem(await Server.Client().GetAsync(url), 401);
    }
}
