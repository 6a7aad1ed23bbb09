using System.Text;

namespace Unbuilt.Tests.Flags;

/// Bad requests get 400 or 404 problem details and change nothing: not the flag, not its users, not its history.
public sealed class BadInputTests(UnbuiltServer server) : FlagTest(server)
{
    private static readonly string LongText = new('x', 1001);

    public static TheoryData<string, string, string?, int, string?> Cases => new()
    {
        { "PATCH", "{flag}/rollout", """{"percentage": 101}""", 400, "percentage" },
        { "PATCH", "{flag}/rollout", """{"percentage": -1}""", 400, "percentage" },
        { "PATCH", "{flag}/rollout", """{"percentage": "5"}""", 400, null },
        { "PATCH", "{flag}/rollout", """{"percentage": 5.5}""", 400, null },
        { "PATCH", "{flag}/rollout", "{}", 400, "percentage" },
        { "PATCH", "{flag}/rollout", "{", 400, null },
        { "PATCH", "{flag}", "{}", 400, "body" },
        { "PATCH", "{flag}", """{"allowedTiers": ["gold"]}""", 400, "allowedTiers" },
        { "PATCH", "{flag}", """{"enabled": false, "rolloutPercentage": 150}""", 400, "rolloutPercentage" },
        { "PATCH", "{flag}", $$"""{"description": "{{LongText}}"}""", 400, "description" },
        { "PATCH", "{flag}", """{"allowedUserIds": [999999]}""", 400, "allowedUserIds" },
        { "PATCH", "{flag}", """{"allowedUserIds": [0]}""", 400, "allowedUserIds" },
        { "PATCH", "{flag}", """{"guardPolicy": "panic"}""", 400, "guardPolicy" },
        { "PATCH", "{flag}", """{"rolloutPlan": [{"name": "x", "enabled": true, "rolloutPercentage": 200}]}""", 400, "rolloutPlan" },
        { "PATCH", "{flag}", """{"rolloutPlan": [{"name": "custom", "enabled": true, "rolloutPercentage": 20}]}""", 400, "rolloutPlan" },
        { "PATCH", "{flag}", $$"""{"enabled": false, "reason": "{{LongText}}"}""", 400, "reason" },
        { "POST", "", """{"name": "Action-Plan"}""", 400, "name" },
        { "POST", "", """{"name": "check"}""", 400, "name" },
        { "POST", "", $$"""{"name": "{{new string('a', 101)}}"}""", 400, "name" },
        { "POST", "", """{"description": "no name"}""", 400, "name" },
        { "POST", "", """{"name": "action_plan_customization", "allowedTiers": ["pro", "platinum"]}""", 400, "allowedTiers" },
        { "POST", "Bad-Name/init", null, 400, "name" },
        { "POST", "{flag}/deploy", """{"phase": "beta2"}""", 400, "phase" },
        { "POST", "{flag}/deploy", """{"phase": "rollback"}""", 400, "phase" },
        { "POST", "{flag}/deploy", "{}", 400, "phase" },
        { "POST", "{flag}/users", """{"userId": 999999}""", 404, null },
        { "POST", "{flag}/users", "{}", 400, "userId" },
        { "POST", "{flag}/users", """{"userId": "x"}""", 400, null },
        { "DELETE", "{flag}/users/999999", null, 404, null },
        { "POST", "{flag}/rollback", "{", 400, null },
        { "POST", "{flag}/advance", """{"force": "yes"}""", 400, null },
        { "GET", "{flag}/evaluate", null, 400, "userId" },
        { "GET", "{flag}/evaluate?userId=abc", null, 400, null },
        { "GET", "{flag}/evaluate?userId=1&tier=gold", null, 400, "tier" },
        { "GET", "{flag}/evaluate?userId=999999", null, 404, null },
        { "GET", "no_such_flag", null, 404, null },
        { "PATCH", "no_such_flag", """{"enabled": true}""", 404, null },
        { "PATCH", "no_such_flag/rollout", """{"percentage": 5}""", 404, null },
        { "POST", "no_such_flag/users", """{"userId": 1}""", 404, null },
        { "DELETE", "no_such_flag/users/1", null, 404, null },
        { "POST", "no_such_flag/deploy", """{"phase": "beta"}""", 404, null },
        { "POST", "no_such_flag/rollback", null, 404, null },
        { "POST", "no_such_flag/advance", null, 404, null },
        { "GET", "no_such_flag/status", null, 404, null },
        { "GET", "no_such_flag/history", null, 404, null },
        { "GET", "no_such_flag/evaluate?userId=1&tier=pro", null, 404, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Is_a_problem_and_changes_nothing(string method, string path, string? body, int status, string? field)
    {
        var admin = await AdminAsync();
        var tester = await Server.CreateUserAsync("tester@example.com");
        await InitAsync(admin);
        await OkJson(admin.PostAsync($"{Api}/{Flag}/users", JsonBody($$"""{"userId": {{tester.Id}}}""")));
        await DeployAsync(admin, "beta");
        var flagBefore = (await GetFlagAsync(admin)).GetRawText();
        var historyBefore = (await OkJson(admin.GetAsync($"{Api}/{Flag}/history"))).GetArrayLength();
        var flagsBefore = (await OkJson(admin.GetAsync(Api))).GetArrayLength();

        using var request = new HttpRequestMessage(new HttpMethod(method), $"{Api}/{path.Replace("{flag}", Flag, StringComparison.Ordinal)}".TrimEnd('/'));
        if (body is not null) request.Content = JsonBody(body);
        var problem = await AssertProblem(await admin.SendAsync(request), status);

        if (field is not null) Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
        Assert.Equal(flagBefore, (await GetFlagAsync(admin)).GetRawText());
        Assert.Equal(historyBefore, (await OkJson(admin.GetAsync($"{Api}/{Flag}/history"))).GetArrayLength());
        Assert.Equal(flagsBefore, (await OkJson(admin.GetAsync(Api))).GetArrayLength());
        Assert.Equal([tester.Id], await EnabledRowsAsync());
    }

    [Fact]
    public async Task An_unknown_phase_lists_the_valid_ones()
    {
        var admin = await AdminAsync();
        await InitAsync(admin);

        var problem = await AssertProblem(await admin.PostAsync($"{Api}/{Flag}/deploy", JsonBody("""{"phase": "canary"}""")), 400);

        var message = problem.GetProperty("errors").GetProperty("phase")[0].GetString();
        Assert.Equal("Unknown phase 'canary'; valid phases are init, internal, beta, expanded, general.", message);
    }

    private static StringContent JsonBody(string json) => new(json, Encoding.UTF8, "application/json");
}
