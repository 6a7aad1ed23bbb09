using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Unbuilt.Tests.Realtime;
using Xunit.Abstractions;

namespace Unbuilt.Tests.ScaleOut;

/// Redis carries live updates and flag changes between nodes, but the API does not depend on it: with Redis killed
/// (as a crash would), writes through every node still succeed, a node still starts, and the logs say Redis is down;
/// with Redis back on the same address, the nodes pick up where they were without a restart.
public sealed class RedisOutageTests(TwoNodeCluster cluster, ITestOutputHelper output) : IClassFixture<TwoNodeCluster>, IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private UnbuiltServer[] Nodes => [cluster.A, cluster.B];

    public async Task InitializeAsync()
    {
        await cluster.A.ResetAsync();
        foreach (var node in Nodes) node.Logs.Clear();
    }

    public async Task DisposeAsync()
    {
        if (!cluster.Redis.IsRunning) await cluster.Redis.RestartAsync();
    }

    [Fact]
    public async Task Writes_succeed_while_redis_is_down_and_live_updates_cross_nodes_again_when_it_is_back()
    {
        // Without this, every write would wait out the backlog timeout (5 s) for its live event while Redis is away.
        var backplane = cluster.A.Services.GetRequiredService<IOptions<RedisOptions>>().Value.Configuration;
        Assert.Same(BacklogPolicy.FailFast, backplane.BacklogPolicy);
        var plan = await ClusterPlan.CreateAsync(cluster);
        await using var onB = await LiveClient.ConnectAsync(cluster.B.BaseAddress, plan.Owner.Token);
        await onB.JoinAsync(plan.PlanId);
        await plan.RenameAsync(cluster.A, "Before the outage", "before");
        Assert.NotNull(await onB.TryNextChangeAsync(IsOperation("before"), Bound));

        await cluster.Redis.KillAsync();
        foreach (var node in Nodes)
            await node.Logs.WaitForAsync(RedisLog(LogLevel.Warning, "lost"), Bound, "saying the Redis connection was lost");

        var clock = Stopwatch.StartNew();
        await plan.RenameAsync(cluster.A, "Written on A without Redis", "outage-a");
        output.WriteLine($"write on A without Redis: {clock.Elapsed.TotalMilliseconds:F0} ms");
        clock.Restart();
        await plan.RenameAsync(cluster.B, "Written on B without Redis", "outage-b");
        output.WriteLine($"write on B without Redis: {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.Equal("Written on B without Redis", await TitleAsync(cluster.A, plan));

        await cluster.Redis.RestartAsync();
        clock.Restart();
        foreach (var node in Nodes) await WaitUntilReconnectedAsync(node);
        await WaitUntilChangesOnACrossTo(onB, plan);
        output.WriteLine($"Redis back → live updates cross nodes again: {clock.Elapsed.TotalMilliseconds:F0} ms");
        await ClusterPlan.Ok(cluster.A.Client(plan.Admin).PostAsync($"/api/feature-flags/{ClusterPlan.Flag}/rollback", null));
        await WaitUntilFeatureIsOffOn(cluster.B, plan.Owner);
    }

    [Fact]
    public async Task A_node_started_while_redis_is_down_serves_writes_and_joins_in_once_redis_is_up()
    {
        var plan = await ClusterPlan.CreateAsync(cluster);
        await cluster.Redis.KillAsync();

        var late = await cluster.StartNodeAsync();
        try
        {
            await plan.RenameAsync(late, "Written on a node that started without Redis", "late-write");
            Assert.Equal("Written on a node that started without Redis", await TitleAsync(cluster.A, plan));
            await late.Logs.WaitForAsync(e => e.Category == "Unbuilt.Realtime.RedisFlagInvalidationBus" && e.Message.Contains("subscribe", StringComparison.Ordinal),
                Bound, "saying flag invalidations wait for Redis");

            await cluster.Redis.RestartAsync();
            await using var onLate = await plan.WatchAsync(late, plan.Owner, retryFor: Bound);
            await WaitUntilChangesOnACrossTo(onLate, plan);

            // The flag channel too: node "late" reloads only hourly, so only Redis can tell it of this rollback.
            foreach (var node in new[] { cluster.A, late }) await WaitUntilReconnectedAsync(node);
            await ClusterPlan.Ok(cluster.A.Client(plan.Admin).PostAsync($"/api/feature-flags/{ClusterPlan.Flag}/rollback", null));
            await WaitUntilFeatureIsOffOn(late, plan.Owner);
        }
        finally
        {
            await late.DisposeAsync();
        }
    }

    /// Keeps changing the plan on node A until the client hears one of those changes (changes made while the nodes
    /// are still reconnecting may be lost; clients recover those through the version gap).
    private async Task WaitUntilChangesOnACrossTo(LiveClient client, ClusterPlan plan)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; clock.Elapsed < Bound; attempt++)
        {
            await plan.RenameAsync(cluster.A, $"After the outage {attempt}", $"after-{attempt}");
            if (await client.TryNextChangeAsync(IsOperation("after-"), TimeSpan.FromSeconds(1)) is not null) return;
        }
        Assert.Fail($"no change made on node A reached the other node's client within {Bound.TotalSeconds:0} s of Redis coming back");
    }

    private static async Task WaitUntilFeatureIsOffOn(UnbuiltServer node, TestUser user)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var check = await node.Client(user).GetFromJsonAsync<JsonElement>($"/api/feature-flags/check/{ClusterPlan.Flag}");
            if (!check.GetProperty("enabled").GetBoolean()) return;
            Assert.True(clock.Elapsed < Bound, $"the node still has the feature on {Bound.TotalSeconds:0} s after the rollback");
            await Task.Delay(50);
        }
    }

    private static async Task<string?> TitleAsync(UnbuiltServer node, ClusterPlan plan)
    {
        var stored = await node.Client(plan.Owner).GetFromJsonAsync<JsonElement>($"/api/plans/{plan.PlanId}");
        return stored.GetProperty("phases")[0].GetProperty("tasks")[0].GetProperty("title").GetString();
    }

    private static Func<JsonElement, bool> IsOperation(string prefix) =>
        e => e.GetProperty("operationId").GetString()!.StartsWith(prefix, StringComparison.Ordinal);

    /// The node's log says both its Redis connections (commands, and the subscription) are back. A flag change
    /// published before that would wait in the client's backlog and may be dropped (the periodic reload covers it).
    private static async Task WaitUntilReconnectedAsync(UnbuiltServer node)
    {
        foreach (var type in new[] { "Interactive", "Subscription" })
            await node.Logs.WaitForAsync(RedisLog(LogLevel.Information, $"restored ({type})"), Bound, $"saying the Redis {type} connection was restored");
    }

    private static Func<CapturedLogs.Entry, bool> RedisLog(LogLevel level, string words) =>
        e => e.Category == "Unbuilt.Realtime.RedisConnection" && e.Level == level && e.Message.Contains(words, StringComparison.Ordinal);
}
