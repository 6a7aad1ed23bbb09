using System.Net.Http.Json;
using System.Text.Json;
using Unbuilt.Data.Accounts;
using Unbuilt.Tests.Realtime;

namespace Unbuilt.Tests.ScaleOut;

/// Live updates across nodes: a change committed through node A reaches a client connected to node B.
public sealed class PlanScaleOutTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>, IAsyncLifetime
{
    public Task InitializeAsync() => cluster.A.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    [Fact]
    public async Task A_change_through_node_a_reaches_a_client_on_node_b()
    {
        var admin = cluster.A.Client(await cluster.A.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin));
        await Ok(admin.PostAsJsonAsync("/api/feature-flags", new { name = "action_plan_customization", enabled = true, rolloutPercentage = 100 }));
        var owner = await cluster.A.CreateUserAsync("owner@example.com", Tier.Pro);
        var onA = cluster.A.Client(owner);
        var search = await Ok(onA.PostAsJsonAsync("/api/search", new { query = "invoicing for freelancers" }));
        var plan = await Ok(onA.PostAsJsonAsync("/api/plans", new { searchResultId = search.GetProperty("results")[0].GetProperty("id").GetInt32() }));
        var planId = plan.GetProperty("id").GetInt32();
        var taskId = plan.GetProperty("phases")[0].GetProperty("tasks")[0].GetProperty("id").GetInt32();

        await using var onB = await LiveClient.ConnectAsync(cluster.B.BaseAddress, owner.Token);
        await WaitForFeatureOnB(owner);
        await onB.JoinAsync(planId);
        await Ok(onA.PatchAsJsonAsync($"/api/tasks/{taskId}", new { title = "Changed on A" }));

        var change = await onB.NextChangeAsync();
        Assert.Equal(planId, change.GetProperty("planId").GetInt32());
        Assert.Equal("task.updated", change.GetProperty("type").GetString());
    }

    /// Node B learns of the flag through Redis; joining before that would be refused as "feature off".
    private async Task WaitForFeatureOnB(TestUser user)
    {
        var client = cluster.B.Client(user);
        for (var i = 0; i < 200; i++)
        {
            var check = await client.GetFromJsonAsync<JsonElement>("/api/feature-flags/check/action_plan_customization");
            if (check.GetProperty("enabled").GetBoolean()) return;
            await Task.Delay(25);
        }
        Assert.Fail("node B never saw the flag turned on");
    }
}
