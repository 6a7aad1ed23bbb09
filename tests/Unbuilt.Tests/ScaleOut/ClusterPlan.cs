using System.Net.Http.Json;
using System.Text.Json;
using Unbuilt.Data.Accounts;
using Unbuilt.Tests.Realtime;

namespace Unbuilt.Tests.ScaleOut;

/// A plan made through node A, with the feature on for its owner on both nodes: what a cross-node test starts from.
public sealed record ClusterPlan(TestUser Admin, TestUser Owner, int PlanId, int TaskId)
{
    public const string Flag = "action_plan_customization";

    public static async Task<ClusterPlan> CreateAsync(TwoNodeCluster cluster)
    {
        var root = await cluster.A.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        await Ok(cluster.A.Client(root).PostAsJsonAsync("/api/feature-flags", new { name = Flag, enabled = true, rolloutPercentage = 100 }));
        var owner = await cluster.A.CreateUserAsync("owner@example.com", Tier.Pro);
        var onA = cluster.A.Client(owner);
        var search = await Ok(onA.PostAsJsonAsync("/api/search", new { query = "invoicing for freelancers" }));
        var plan = await Ok(onA.PostAsJsonAsync("/api/plans", new { searchResultId = search.GetProperty("results")[0].GetProperty("id").GetInt32() }));
        var created = new ClusterPlan(root, owner, plan.GetProperty("id").GetInt32(),
            plan.GetProperty("phases")[0].GetProperty("tasks")[0].GetProperty("id").GetInt32());
        await WaitForFeatureOnB(cluster, owner);
        return created;
    }

    /// A Pro user made a member of the plan (an editor), for a second viewer.
    public async Task<TestUser> AddCollaboratorAsync(UnbuiltServer node, string email)
    {
        var collaborator = await node.CreateUserAsync(email, Tier.Pro);
        await Ok(node.Client(Owner).PostAsJsonAsync($"/api/plans/{PlanId}/members", new { email, role = "editor" }));
        return collaborator;
    }

    /// A live client of <paramref name="user"/> on <paramref name="node"/>, watching the plan.
    /// After a Redis outage, SignalR's backplane reconnects on its own schedule, and a node refuses or closes (1011) a
    /// connection it cannot yet subscribe (a browser client reconnects, as the web app does); so tries, 200 ms apart,
    /// for up to <paramref name="retryFor"/> (5 s by default). A try that failed is closed before the next.
    public async Task<LiveClient> WatchAsync(UnbuiltServer node, TestUser user, TimeSpan? retryFor = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            LiveClient? client = null;
            try
            {
                client = await LiveClient.ConnectAsync(node.BaseAddress, user.Token);
                await client.JoinAsync(PlanId);
                return client;
            }
            catch (Exception) when (clock.Elapsed < (retryFor ?? TimeSpan.FromSeconds(5)))
            {
                if (client is not null) await client.DisposeAsync();
                await Task.Delay(200);
            }
        }
    }

    /// The owner watching through node A and a new collaborator through node B, once each side lists both viewers.
    public async Task<BothNodesWatching> WatchedOnBothNodesAsync(TwoNodeCluster cluster)
    {
        var collaborator = await AddCollaboratorAsync(cluster.A, "collaborator@example.com");
        var onA = await WatchAsync(cluster.A, Owner);
        var onB = await WatchAsync(cluster.B, collaborator);
        await onA.WaitForViewersAsync(Owner.Id, collaborator.Id);
        await onB.WaitForViewersAsync(Owner.Id, collaborator.Id);
        return new BothNodesWatching(collaborator, onA, onB);
    }

    /// Renames the plan's task through <paramref name="node"/>, under an operation id the live event will carry.
    public async Task RenameAsync(UnbuiltServer node, string title, string operationId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/tasks/{TaskId}") { Content = JsonContent.Create(new { title }) };
        request.Headers.Add("X-Operation-Id", operationId);
        await Ok(node.Client(Owner).SendAsync(request));
    }

    public static async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// Node B learns of the flag through Redis; joining before that would be refused as "feature off".
    private static async Task WaitForFeatureOnB(TwoNodeCluster cluster, TestUser user)
    {
        var client = cluster.B.Client(user);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var check = await client.GetFromJsonAsync<JsonElement>($"/api/feature-flags/check/{Flag}");
            if (check.GetProperty("enabled").GetBoolean()) return;
            await Task.Delay(25);
        }
        Assert.Fail("node B never saw the flag turned on");
    }
}

/// The owner's live client on node A and a collaborator's on node B; disposing closes both.
public sealed record BothNodesWatching(TestUser Collaborator, LiveClient OnA, LiveClient OnB) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await OnA.DisposeAsync();
        await OnB.DisposeAsync();
    }
}
