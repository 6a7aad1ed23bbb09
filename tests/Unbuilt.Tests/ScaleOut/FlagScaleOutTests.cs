using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Unbuilt.Data.Accounts;
using Unbuilt.Flags;
using Xunit.Abstractions;

namespace Unbuilt.Tests.ScaleOut;

/// Two nodes, one database, one real Redis: a flag change made on node A is what node B answers next.
public sealed class FlagScaleOutTests(TwoNodeCluster cluster, ITestOutputHelper output) : IClassFixture<TwoNodeCluster>, IAsyncLifetime
{
    private const string Flag = "action_plan_customization";

    public Task InitializeAsync() => cluster.A.ResetAsync();

    public async Task DisposeAsync() => await cluster.B.Services.GetRequiredService<FlagSnapshotStore>().ReloadAsync(default);

    [Fact]
    public async Task A_change_on_one_node_reaches_the_other_through_redis()
    {
        var admin = await cluster.A.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        var user = await cluster.A.CreateUserAsync("ada@example.com", Tier.Pro);
        var onA = cluster.A.Client(admin);
        Assert.True((await onA.PostAsync($"/api/feature-flags/{Flag}/init", null)).IsSuccessStatusCode);
        await WaitUntilBSees(user, expected: false);

        var clock = Stopwatch.StartNew();
        Assert.True((await onA.PatchAsJsonAsync($"/api/feature-flags/{Flag}", new { enabled = true, rolloutPercentage = 100 })).IsSuccessStatusCode);
        await WaitUntilBSees(user, expected: true);
        output.WriteLine($"enable on A → seen on B: {clock.Elapsed.TotalMilliseconds:F1} ms");

        clock.Restart();
        Assert.True((await onA.PostAsync($"/api/feature-flags/{Flag}/rollback", null)).IsSuccessStatusCode);
        await WaitUntilBSees(user, expected: false);
        output.WriteLine($"rollback on A → seen on B: {clock.Elapsed.TotalMilliseconds:F1} ms");
    }

    [Fact]
    public async Task A_segment_change_on_one_node_reaches_the_other_through_redis()
    {
        var admin = await cluster.A.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        var partner = await cluster.A.CreateUserAsync("pat@partner.example", Tier.Free);
        var onA = cluster.A.Client(admin);
        var created = await onA.PostAsJsonAsync("/api/segments", new { name = "internal", emailDomains = new[] { "unbuilt.io" } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.True((await onA.PostAsync($"/api/feature-flags/{Flag}/init", null)).IsSuccessStatusCode);
        Assert.True((await onA.PatchAsJsonAsync($"/api/feature-flags/{Flag}", new { enabled = true, segments = new[] { "internal" } })).IsSuccessStatusCode);
        await WaitUntilBSees(partner, expected: false);

        var clock = Stopwatch.StartNew();
        Assert.True((await onA.PatchAsJsonAsync($"/api/segments/{id}", new { emailDomains = new[] { "unbuilt.io", "partner.example" } })).IsSuccessStatusCode);
        await WaitUntilBSees(partner, expected: true);
        output.WriteLine($"segment change on A → seen on B: {clock.Elapsed.TotalMilliseconds:F1} ms");
    }

    [Fact]
    public async Task Cache_clear_on_one_node_reloads_the_other()
    {
        var admin = await cluster.A.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        var storeB = cluster.B.Services.GetRequiredService<FlagSnapshotStore>();
        var before = storeB.ReloadCount;

        Assert.True((await cluster.A.Client(admin).PostAsync("/api/feature-flags/cache/clear", null)).IsSuccessStatusCode);

        var deadline = Stopwatch.StartNew();
        while (storeB.ReloadCount == before && deadline.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(10);
        Assert.True(storeB.ReloadCount > before, "node B never reloaded after cache/clear on node A");
    }

    [Fact]
    public async Task Without_redis_writes_still_succeed()
    {
        var admin = await cluster.A.CreateUserAsync("root@example.com", Tier.Enterprise, Role.Admin);
        var onA = cluster.A.Client(admin);
        await using var gone = await StopRedisForAMoment();

        var response = await onA.PostAsync($"/api/feature-flags/{Flag}/init", null);

        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        var check = await cluster.A.Client(admin).GetFromJsonAsync<JsonElement>($"/api/feature-flags/check/{Flag}");
        Assert.False(check.GetProperty("enabled").GetBoolean());
    }

    /// Polls node B as the user would (check/{name}); the periodic reload is an hour, so only Redis can deliver.
    private async Task WaitUntilBSees(TestUser user, bool expected)
    {
        var client = cluster.B.Client(user);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var check = await client.GetFromJsonAsync<JsonElement>($"/api/feature-flags/check/{Flag}");
            if (check.GetProperty("enabled").GetBoolean() == expected) return;
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(10), $"node B still answers {!expected} after 10 s");
            await Task.Delay(5);
        }
    }

    private async Task<IAsyncDisposable> StopRedisForAMoment()
    {
        var multiplexer = await cluster.A.Services.GetRequiredService<Unbuilt.Realtime.RedisConnection>().GetAsync();
        await multiplexer.GetServer(multiplexer.GetEndPoints()[0]).ExecuteAsync("CLIENT", "PAUSE", "3000", "ALL");
        return new Resume();
    }

    private sealed class Resume : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
