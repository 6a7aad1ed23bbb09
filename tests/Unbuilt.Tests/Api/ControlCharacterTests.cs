using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Api;

/// NUL and the other C0 control characters, in any string a client sends: 400 naming the field, nothing stored, on
/// both databases (PostgreSQL refuses NUL in text outright, which once surfaced as a 500).
public sealed class ControlCharacterTests(UnbuiltServer server) : PlanTest(server)
{
    private static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task AssertNamesField(HttpResponseMessage response, string field)
    {
        var problem = await AssertProblem(response, 400);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for '{field}': {problem}");
        Assert.Contains($"'{field}'", problem.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("\\u0000")]
    [InlineData("\\u0007")]
    [InlineData("\\u001b")]
    [InlineData("\\u007f")]
    public async Task Every_kind_of_string_field_refuses_control_characters(string escaped)
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var task = Tasks(plan)[0];
        var before = await ContentAsync(owner, Id(plan));

        await AssertNamesField(await Server.Client().PostAsync("/api/auth/login",
            Body($$"""{"email": "owner{{escaped}}@example.com", "password": "x"}""")), "email");
        await AssertNamesField(await owner.PostAsync("/api/search", Body($$"""{"query": "invoicing{{escaped}}"}""")), "query");
        await AssertNamesField(await owner.PatchAsync($"/api/tasks/{Id(task)}", Body($$"""{"title": "a{{escaped}}b"}""")), "title");
        await AssertNamesField(await owner.PostAsync($"/api/plans/{Id(plan)}/tasks",
            Body($$"""{"phaseId": {{task.GetProperty("phaseId").GetInt32()}}, "title": "ok", "description": "x{{escaped}}"}""")), "description");
        await AssertNamesField(await owner.PostAsync("/api/me/tokens", Body($$"""{"name": "ci{{escaped}}"}""")), "name");

        Assert.Equal(before, await ContentAsync(owner, Id(plan)));
        Assert.Equal(1, await DbAsync(db => db.Searches.CountAsync()));
        Assert.Equal(0, await DbAsync(db => db.ApiTokens.CountAsync(t => t.Name != "test")));
    }

    [Fact]
    public async Task Multi_line_text_keeps_tab_and_line_breaks()
    {
        var owner = await UserAsync("owner@example.com");
        var task = Tasks(await CreatePlanAsync(owner))[0];

        var updated = await OkJson(owner.PatchAsync($"/api/tasks/{Id(task)}", Body("""{"description": "one\r\ntwo\tthree"}""")));

        Assert.Equal("one\r\ntwo\tthree", updated.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Query_and_route_values_refuse_control_characters()
    {
        var owner = await UserAsync("owner@example.com");
        var admin = Server.Client(await Server.CreateUserAsync("root@example.com", Unbuilt.Data.Accounts.Tier.Pro, Unbuilt.Data.Accounts.Role.Admin));

        await AssertNamesField(await owner.GetAsync("/api/plans?status=%00"), "status");
        await AssertNamesField(await admin.GetAsync("/api/feature-flags/abc%01def"), "name");
        // NUL in the path never reaches the app: Kestrel refuses the request line itself.
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/api/feature-flags/abc%00def")).StatusCode);
        await AssertNamesField(await admin.GetAsync("/api/performance/errors?feature=%01"), "feature");
    }

    [Fact]
    public async Task A_stored_header_refuses_control_characters()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/tasks/{Id(Tasks(plan)[0])}") { Content = Body("""{"title": "x"}""") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "key\u0001");

        var response = await owner.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(Version(plan), Version(await GetPlanAsync(owner, Id(plan))));
    }
}
