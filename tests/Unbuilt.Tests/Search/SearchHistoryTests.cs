using System.Net.Http.Json;
using System.Text.Json;
using Unbuilt.Data.Accounts;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Search;

/// What a search answers besides its results (advice, the plan already made from a result) and the history's delete.
public sealed class SearchHistoryTests(UnbuiltServer server) : PlanTest(server)
{
    [Theory]
    [InlineData("🐶🐱")]
    [InlineData("a")]
    [InlineData("xqzvbnm")]
    public async Task An_unrelated_query_answers_no_results_and_suggestions(string query)
    {
        var client = await UserAsync("founder@example.com");

        var search = await SearchAsync(client, query);

        Assert.Equal(0, search.GetProperty("results").GetArrayLength());
        Assert.NotEqual(0, search.GetProperty("suggestions").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, search.GetProperty("didYouMean").ValueKind);
        var stored = await OkJson(client.GetAsync($"/api/search/{Id(search)}"));
        Assert.Equal(search.GetProperty("suggestions").ToString(), stored.GetProperty("suggestions").ToString());
    }

    [Fact]
    public async Task A_misspelt_query_says_what_was_probably_meant()
    {
        var client = await UserAsync("founder@example.com");

        var search = await SearchAsync(client, "invoicng for freelncers");

        Assert.Equal("invoicing for freelancers", search.GetProperty("didYouMean").GetString());
        Assert.Equal(0, search.GetProperty("suggestions").GetArrayLength());
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \t\n ")]
    public async Task A_blank_query_is_told_what_to_type_and_is_not_counted(string query)
    {
        var free = await UserAsync("free@example.com", Tier.Free);

        var problem = await AssertProblem(await free.PostAsJsonAsync("/api/search", new { query }), 400);

        Assert.Contains("Type a few words", problem.GetProperty("errors").GetProperty("query")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await OkJson(free.GetAsync("/api/searches"))).GetArrayLength());
    }

    [Fact]
    public async Task A_result_I_made_a_plan_from_carries_the_plan_id()
    {
        var client = await UserAsync("founder@example.com");
        var search = await SearchAsync(client);
        Assert.All(search.GetProperty("results").EnumerateArray(), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("planId").ValueKind));
        var resultId = Id(search.GetProperty("results")[0]);
        var plan = await OkJson(client.PostAsJsonAsync("/api/plans", new { searchResultId = resultId }));

        var results = (await OkJson(client.GetAsync($"/api/search/{Id(search)}"))).GetProperty("results").EnumerateArray().ToList();

        Assert.Equal(Id(plan), results[0].GetProperty("planId").GetInt32());
        Assert.All(results.Skip(1), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("planId").ValueKind));
    }

    [Fact]
    public async Task Deleting_my_search_hides_it_from_my_history_but_not_from_the_monthly_count()
    {
        var free = await UserAsync("free@example.com", Tier.Free);
        var kept = await SearchAsync(free, "pet insurance");
        var deleted = await SearchAsync(free, "rural clinics");

        Assert.Equal(204, (int)(await free.DeleteAsync($"/api/searches/{Id(deleted)}")).StatusCode);
        Assert.Equal(204, (int)(await free.DeleteAsync($"/api/searches/{Id(deleted)}")).StatusCode);

        var list = (await OkJson(free.GetAsync("/api/searches"))).EnumerateArray().ToList();
        Assert.Equal([Id(kept)], list.Select(Id));
        Assert.Equal("pet insurance", list[0].GetProperty("query").GetString());
        await AssertProblem(await free.GetAsync($"/api/search/{Id(deleted)}"), 404);
        var next = await SearchAsync(free, "pet insurance");
        Assert.Equal(2, next.GetProperty("quota").GetProperty("remaining").GetInt32());
    }

    [Fact]
    public async Task Another_users_search_cannot_be_deleted()
    {
        var me = await UserAsync("me@example.com");
        var other = await UserAsync("other@example.com");
        var search = await SearchAsync(me);

        await AssertProblem(await other.DeleteAsync($"/api/searches/{Id(search)}"), 404);
        await AssertProblem(await other.DeleteAsync("/api/searches/999999"), 404);

        await OkJson(me.GetAsync($"/api/search/{Id(search)}"));
    }

    [Fact]
    public async Task A_plan_made_from_a_deleted_search_keeps_working()
    {
        var client = await UserAsync("founder@example.com");
        var plan = await CreatePlanAsync(client);

        Assert.Equal(204, (int)(await client.DeleteAsync($"/api/searches/{plan.GetProperty("searchId").GetInt32()}")).StatusCode);

        await GetPlanAsync(client, Id(plan));
    }
}
