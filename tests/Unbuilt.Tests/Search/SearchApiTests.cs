using System.Net.Http.Json;
using Unbuilt.Data.Accounts;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Search;

public sealed class SearchApiTests(UnbuiltServer server) : PlanTest(server)
{
    [Fact]
    public async Task A_search_answers_ranked_results_with_every_field_and_is_stored()
    {
        var client = await UserAsync("founder@example.com");

        var response = await client.PostAsJsonAsync("/api/search", new { query = "invoices for freelancers" });

        Assert.Equal(201, (int)response.StatusCode);
        var search = await ReadJson(response);
        Assert.Equal("invoices for freelancers", search.GetProperty("query").GetString());
        var results = search.GetProperty("results").EnumerateArray().ToList();
        Assert.InRange(results.Count, 1, 10);
        Assert.Contains("invoic", results[0].GetProperty("title").GetString()!, StringComparison.OrdinalIgnoreCase);
        foreach (var field in new[] { "id", "title", "description", "category", "innovationScore", "feasibility",
                     "marketPotential", "marketSize", "targetAudience", "gapReason", "confidence" })
            Assert.True(results[0].TryGetProperty(field, out _), field);
        Assert.Contains(results[0].GetProperty("category").GetString(), new[] { "market", "technology", "ux", "business_model" });
        Assert.InRange(results[0].GetProperty("innovationScore").GetInt32(), 1, 10);
        Assert.InRange(results[0].GetProperty("confidence").GetInt32(), 0, 100);

        var stored = await OkJson(client.GetAsync($"/api/search/{Id(search)}"));
        Assert.Equal(results.Select(Id), stored.GetProperty("results").EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task My_searches_are_listed_newest_first_and_nobody_elses()
    {
        var me = await UserAsync("me@example.com");
        var other = await UserAsync("other@example.com");
        var first = await SearchAsync(me, "pet insurance");
        var second = await SearchAsync(me, "rural clinics");
        await SearchAsync(other, "restaurants");

        var list = (await OkJson(me.GetAsync("/api/searches"))).EnumerateArray().ToList();

        Assert.Equal([Id(second), Id(first)], list.Select(Id));
        Assert.Equal("rural clinics", list[0].GetProperty("query").GetString());
        Assert.True(list[0].GetProperty("resultCount").GetInt32() > 0);
    }

    [Fact]
    public async Task Another_users_search_is_not_found()
    {
        var me = await UserAsync("me@example.com");
        var other = await UserAsync("other@example.com");
        var search = await SearchAsync(me);

        await AssertProblem(await other.GetAsync($"/api/search/{Id(search)}"), 404);
        await AssertProblem(await other.GetAsync("/api/search/999999"), 404);
    }

    [Fact]
    public async Task The_free_tier_gets_five_searches_a_month_then_429_saying_when_it_resets()
    {
        var free = await UserAsync("free@example.com", Tier.Free);
        for (var i = 0; i < 5; i++)
        {
            var search = await SearchAsync(free, $"idea {i}");
            Assert.Equal(4 - i, search.GetProperty("quota").GetProperty("remaining").GetInt32());
        }

        var response = await free.PostAsJsonAsync("/api/search", new { query = "one more" });

        var problem = await AssertProblem(response, 429);
        var now = DateTime.UtcNow;
        var reset = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths(1);
        Assert.Contains($"reset on {reset:yyyy-MM-dd}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(reset, problem.GetProperty("resetsAt").GetDateTime().ToUniversalTime());
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromSeconds(1), reset - now + TimeSpan.FromMinutes(1));
        Assert.Equal(5, (await OkJson(free.GetAsync("/api/searches"))).GetArrayLength());
    }

    [Fact]
    public async Task Pro_users_are_not_rationed()
    {
        var pro = await UserAsync("pro@example.com", Tier.Pro);
        for (var i = 0; i < 6; i++) await SearchAsync(pro, $"idea {i}");

        var last = await SearchAsync(pro, "idea 7");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, last.GetProperty("quota").ValueKind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task An_empty_query_is_a_400_naming_the_field(string query)
    {
        var client = await UserAsync("founder@example.com");

        var problem = await AssertProblem(await client.PostAsJsonAsync("/api/search", new { query }), 400);

        Assert.True(problem.GetProperty("errors").TryGetProperty("query", out _));
    }

    [Fact]
    public async Task A_query_that_is_too_long_is_refused()
    {
        var client = await UserAsync("founder@example.com");

        await AssertProblem(await client.PostAsJsonAsync("/api/search", new { query = new string('a', 201) }), 400);
    }

    [Fact]
    public async Task The_templates_are_listed_with_four_phases_each()
    {
        var client = await UserAsync("founder@example.com");

        var templates = (await OkJson(client.GetAsync("/api/templates"))).EnumerateArray().ToList();

        Assert.Equal(5, templates.Count);
        Assert.Equal("software-startup", templates[0].GetProperty("id").GetString());
        Assert.All(templates, t => Assert.Equal(4, t.GetProperty("phaseCount").GetInt32()));
    }
}
