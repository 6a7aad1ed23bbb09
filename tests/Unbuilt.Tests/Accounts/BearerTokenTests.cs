using System.Net.Http.Json;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Accounts;

public sealed class BearerTokenTests(UnbuiltServer server) : IntegrationTest(server)
{
    [Fact]
    public async Task A_user_reads_their_profile_with_an_api_token()
    {
        var user = await Server.CreateUserAsync("ada@example.com", Tier.Pro);

        var me = await ReadJson(await Server.Client(user).GetAsync("/api/me"));

        Assert.Equal(user.Id, me.GetProperty("id").GetInt32());
        Assert.Equal("ada@example.com", me.GetProperty("email").GetString());
        Assert.Equal("pro", me.GetProperty("tier").GetString());
        Assert.Equal("user", me.GetProperty("role").GetString());
    }

    [Fact]
    public async Task No_token_is_401_problem_details()
    {
        var problem = await AssertProblem(await Server.Client().GetAsync("/api/me"), 401);
        Assert.Contains("Bearer", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_wrong_token_is_401()
    {
        await Server.CreateUserAsync("ada@example.com");
        var problem = await AssertProblem(await Server.Client("ubt_not-a-real-token").GetAsync("/api/me"), 401);
        Assert.Contains("invalid", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_token_is_shown_once_listed_without_its_secret_and_revoked_at_once()
    {
        var user = await Server.CreateUserAsync("ada@example.com");
        var client = Server.Client(user);

        var created = await client.PostAsJsonAsync("/api/me/tokens", new { name = "laptop" });
        Assert.Equal(201, (int)created.StatusCode);
        var body = await ReadJson(created);
        var secret = body.GetProperty("token").GetString()!;
        var id = body.GetProperty("id").GetInt32();
        Assert.StartsWith("ubt_", secret);

        Assert.Equal(200, (int)(await Server.Client(secret).GetAsync("/api/me")).StatusCode);
        var list = await client.GetStringAsync("/api/me/tokens");
        Assert.Contains("laptop", list);
        Assert.DoesNotContain(secret, list);

        Assert.Equal(204, (int)(await client.DeleteAsync($"/api/me/tokens/{id}")).StatusCode);
        await AssertProblem(await Server.Client(secret).GetAsync("/api/me"), 401);
    }

    [Fact]
    public async Task Nobody_revokes_another_users_token()
    {
        var ada = await Server.CreateUserAsync("ada@example.com");
        var bob = await Server.CreateUserAsync("bob@example.com");
        var created = await ReadJson(await Server.Client(ada).PostAsJsonAsync("/api/me/tokens", new { name = "ci" }));

        await AssertProblem(await Server.Client(bob).DeleteAsync($"/api/me/tokens/{created.GetProperty("id").GetInt32()}"), 404);
        Assert.Equal(200, (int)(await Server.Client(created.GetProperty("token").GetString()).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_token_needs_a_name()
    {
        var user = await Server.CreateUserAsync("ada@example.com");
        var problem = await AssertProblem(await Server.Client(user).PostAsJsonAsync("/api/me/tokens", new { name = " " }), 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }
}
