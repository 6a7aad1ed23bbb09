using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data.Accounts;

namespace Unbuilt.Tests.Plans;

/// Helpers for action-plan tests: the feature flag on for everyone, users, a search, a plan, and the questions
/// tests ask of the API. Every call goes over HTTP; DbAsync is only for looking behind the API.
public abstract class PlanTest<TServer>(TServer server) : IntegrationTest<TServer>(server) where TServer : UnbuiltServer
{
    public const string Flag = "action_plan_customization";
    private bool featureOn;

    /// A signed-in user (pro by default, so searches are not rationed) with the feature on.
    protected async Task<HttpClient> UserAsync(string email, Tier tier = Tier.Pro) => Server.Client(await TestUserAsync(email, tier));

    protected async Task<TestUser> TestUserAsync(string email, Tier tier = Tier.Pro)
    {
        await FeatureOnAsync();
        return await Server.CreateUserAsync(email, tier);
    }

    /// The flag at 100% for every tier, set the way an admin sets it: through the flags API.
    protected async Task FeatureOnAsync()
    {
        if (featureOn) return;
        var admin = Server.Client(await Server.CreateUserAsync("flag-admin@example.com", Tier.Enterprise, Role.Admin));
        await OkJson(admin.PostAsJsonAsync("/api/feature-flags", new { name = Flag, enabled = true, rolloutPercentage = 100 }));
        featureOn = true;
    }

    protected async Task<JsonElement> SearchAsync(HttpClient client, string query = "invoicing for freelancers") =>
        await OkJson(client.PostAsJsonAsync("/api/search", new { query }));

    /// A plan from the first result of a fresh search.
    protected async Task<JsonElement> CreatePlanAsync(HttpClient client, string query = "invoicing for freelancers", string? templateId = null)
    {
        var search = await SearchAsync(client, query);
        var resultId = search.GetProperty("results")[0].GetProperty("id").GetInt32();
        return await OkJson(client.PostAsJsonAsync("/api/plans", new { searchResultId = resultId, templateId }));
    }

    protected async Task<JsonElement> GetPlanAsync(HttpClient client, int planId) => await OkJson(client.GetAsync($"/api/plans/{planId}"));

    /// Everything a user can change in a plan (order, positions, fields, dependencies), as one comparable string;
    /// not what every change moves on (version, updated_at).
    protected async Task<string> ContentAsync(HttpClient client, int planId)
    {
        var plan = await GetPlanAsync(client, planId);
        var phases = Phases(plan).Select(p => new
        {
            id = Id(p),
            tasks = p.GetProperty("tasks").EnumerateArray().Select(t => new
            {
                id = Id(t), title = t.GetProperty("title").GetString(), status = t.GetProperty("status").GetString(),
                position = t.GetProperty("position").GetString(), phaseId = t.GetProperty("phaseId").GetInt32(),
                completedAt = t.GetProperty("completedAt").ToString(), completedBy = t.GetProperty("completedBy").ToString(),
                prerequisites = t.GetProperty("prerequisiteIds").ToString(), due = t.GetProperty("dueDate").ToString(),
                description = t.GetProperty("description").GetString(), estimate = t.GetProperty("estimatedTime").ToString(),
                resources = t.GetProperty("resources").ToString(), assignee = t.GetProperty("assigneeId").ToString(),
            }),
        });
        return JsonSerializer.Serialize(new
        {
            title = plan.GetProperty("title").GetString(), description = plan.GetProperty("description").GetString(),
            status = plan.GetProperty("status").GetString(), phases,
        });
    }

    protected static int Id(JsonElement element) => element.GetProperty("id").GetInt32();

    protected static int Version(JsonElement plan) => plan.GetProperty("version").GetInt32();

    protected static List<JsonElement> Phases(JsonElement plan) => [.. plan.GetProperty("phases").EnumerateArray()];

    protected static List<JsonElement> Tasks(JsonElement plan) =>
        [.. Phases(plan).SelectMany(p => p.GetProperty("tasks").EnumerateArray())];

    protected static List<int> TaskIds(JsonElement phase) => [.. phase.GetProperty("tasks").EnumerateArray().Select(Id)];

    protected static JsonElement TaskIn(JsonElement plan, int taskId) => Tasks(plan).Single(t => Id(t) == taskId);

    protected static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, object? body = null,
        params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = JsonContent.Create(body);
        foreach (var (name, value) in headers) request.Headers.TryAddWithoutValidation(name, value);
        return await client.SendAsync(request);
    }

    protected Task<int> HistoryRowsAsync(int planId) => DbAsync(db => db.TaskHistory.CountAsync(h => h.PlanId == planId));
}

public abstract class PlanTest(UnbuiltServer server) : PlanTest<UnbuiltServer>(server);
