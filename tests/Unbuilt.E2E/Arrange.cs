using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Unbuilt.Data.Accounts;

namespace Unbuilt.E2E;

/// What the browser tests set up through the API (as a script or the CLI would), so that each test drives the
/// browser only through the part it is about.
public static class Arrange
{
    public const string Flag = "action_plan_customization";

    /// An admin, and the action-plan flag rolled out to everyone the way an admin does it: init, then deploy
    /// the general phase through the flags API.
    public static async Task<TestUser> PlansOnAsync(this BrowserServer server)
    {
        var admin = await server.CreateUserAsync("admin@example.com", Tier.Enterprise, Role.Admin);
        using var client = server.Client(admin);
        (await client.PostAsync($"/api/feature-flags/{Flag}/init", null)).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync($"/api/feature-flags/{Flag}/deploy", new { phase = "general" })).EnsureSuccessStatusCode();
        return admin;
    }

    /// A plan from the first result of a search, made by <paramref name="owner"/>.
    public static async Task<JsonElement> CreatePlanAsync(this BrowserServer server, TestUser owner, string query = "pet care")
    {
        using var client = server.Client(owner);
        var search = await Json(await client.PostAsJsonAsync("/api/search", new { query }));
        var resultId = search.GetProperty("results")[0].GetProperty("id").GetInt32();
        return await Json(await client.PostAsJsonAsync("/api/plans", new { searchResultId = resultId }));
    }

    public static async Task<JsonElement> PlanAsync(this BrowserServer server, TestUser user, int planId)
    {
        using var client = server.Client(user);
        return await Json(await client.GetAsync($"/api/plans/{planId}"));
    }

    public static async Task AddTaskAsync(this BrowserServer server, TestUser user, int planId, int phaseId, string title)
    {
        using var client = server.Client(user);
        (await client.PostAsJsonAsync($"/api/plans/{planId}/tasks", new { phaseId, title })).EnsureSuccessStatusCode();
    }

    public static async Task ShareAsync(this BrowserServer server, TestUser owner, int planId, string email, string role = "editor")
    {
        using var client = server.Client(owner);
        (await client.PostAsJsonAsync($"/api/plans/{planId}/members", new { email, role })).EnsureSuccessStatusCode();
    }

    /// A browser page signed in as <paramref name="user"/> (the login call shares the page's cookie jar).
    public static async Task<IPage> SignedInPageAsync(this BrowserServer server, TestUser user, int width = 1280, int height = 800,
        bool touch = false)
    {
        var page = await server.NewPageAsync(width, height, touch);
        var login = await page.Context.APIRequest.PostAsync("/api/auth/login",
            new APIRequestContextOptions { DataObject = new { email = user.Email, password = UnbuiltServer.Password } });
        Assert.True(login.Ok, $"Signing in as {user.Email} answered {login.Status}.");
        return page;
    }

    public static int Id(this JsonElement element) => element.GetProperty("id").GetInt32();

    public static string Title(this JsonElement element) => element.GetProperty("title").GetString()!;

    public static List<JsonElement> Phases(this JsonElement plan) => [.. plan.GetProperty("phases").EnumerateArray()];

    public static List<JsonElement> Tasks(this JsonElement phase) => [.. phase.GetProperty("tasks").EnumerateArray()];

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}
