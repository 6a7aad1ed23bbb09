using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Unbuilt.Tests.Plans;

namespace Unbuilt.Tests.Api;

/// A request the API cannot take says why in the API's own words: the right status (400, 405, 415), and never a
/// .NET type or namespace in the answer.
public sealed partial class RequestShapeTests(UnbuiltServer server) : PlanTest(server)
{
    [GeneratedRegex(@"\b(System|Microsoft|Unbuilt|Npgsql)\.|Int32|Int64|Boolean|DateTime|Request\b|\bbody\b""|Nullable|`1")]
    public static partial Regex DotNetNames();

    private static StringContent Body(string text, string contentType = "application/json") => new(text, Encoding.UTF8, contentType);

    [Fact]
    public async Task A_body_of_the_wrong_content_type_gets_415()
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var taskId = Id(Tasks(plan)[0]);

        var problem = await AssertProblem(await owner.PatchAsync($"/api/tasks/{taskId}", Body("""{"title": "x"}""", "text/plain")), 415);
        await AssertProblem(await owner.PatchAsync($"/api/tasks/{taskId}", Body("title=x", "application/x-www-form-urlencoded")), 415);

        Assert.Contains("application/json", problem.GetProperty("detail").GetString());
        Assert.Equal(Version(plan), Version(await GetPlanAsync(owner, Id(plan))));
    }

    [Fact]
    public async Task A_path_that_exists_under_other_methods_gets_405_with_Allow()
    {
        var owner = await UserAsync("owner@example.com");
        var taskId = Id(Tasks(await CreatePlanAsync(owner))[0]);

        var response = await owner.PutAsync($"/api/tasks/{taskId}", Body("{}"));

        await AssertProblem(response, 405);
        Assert.Equal(["DELETE", "PATCH"], response.Content.Headers.Allow.Order());
        await AssertProblem(await owner.GetAsync("/api/no/such/route"), 404);
    }

    public static TheoryData<string, string, string, string?> Mistakes => new()
    {
        { "PATCH", "/api/tasks/{task}", """{"title": 12}""", "title" },
        { "PATCH", "/api/tasks/{task}", """{"status": "finished"}""", "status" },
        { "PATCH", "/api/tasks/{task}", """{"dueDate": "tomorrow"}""", "dueDate" },
        { "PATCH", "/api/tasks/{task}", """{"assigneeId": 99999999999}""", "assigneeId" },
        { "PATCH", "/api/tasks/{task}", """[1, 2]""", null },
        { "PATCH", "/api/tasks/{task}", "{\"title\": ", null },
        { "PATCH", "/api/tasks/{task}", "", null },
        { "POST", "/api/tasks/{task}/move", """{"phaseId": true}""", "phaseId" },
        { "POST", "/api/plans", """{"searchResultId": "one"}""", "searchResultId" },
        { "GET", "/api/plans/{plan}/history?limit=abc", "", "limit" },
        { "GET", "/api/plans/{plan}/history?limit=99999999999999", "", "limit" },
        { "POST", "/api/auth/login", """{"email": ["a"]}""", "email" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    public async Task A_binding_mistake_is_a_400_that_names_no_dotnet_type(string method, string path, string body, string? field)
    {
        var owner = await UserAsync("owner@example.com");
        var plan = await CreatePlanAsync(owner);
        var url = path.Replace("{task}", Id(Tasks(plan)[0]).ToString()).Replace("{plan}", Id(plan).ToString());
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method != "GET") request.Content = Body(body);

        var response = await owner.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotMatch(DotNetNames(), text);
        var problem = await AssertProblem(response, 400);
        if (field is not null) Assert.Contains(field, problem.GetProperty("detail").GetString());
        Assert.Equal(Version(plan), Version(await GetPlanAsync(owner, Id(plan))));
    }
}
