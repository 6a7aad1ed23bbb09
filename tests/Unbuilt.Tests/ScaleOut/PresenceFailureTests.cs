using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Unbuilt.Realtime;
using Xunit.Abstractions;

namespace Unbuilt.Tests.ScaleOut;

/// Presence when a node or Redis goes away: the other nodes drop a node's viewers once they have not heard from it for
/// three of its heartbeats (a second each in this cluster), each node keeps showing its own viewers, and the lists
/// are whole again once Redis is back.
public sealed class PresenceFailureTests(PresenceFailureTests.QuickHeartbeats cluster, ITestOutputHelper output)
    : IClassFixture<PresenceFailureTests.QuickHeartbeats>, IAsyncLifetime
{
    private static readonly TimeSpan Reconnecting = TimeSpan.FromSeconds(30);

    public sealed class QuickHeartbeats : TwoNodeCluster
    {
        protected override TimeSpan PresenceHeartbeat => TimeSpan.FromSeconds(1);
    }

    public async Task InitializeAsync()
    {
        await cluster.A.ResetAsync();
        cluster.A.Logs.Clear();
        cluster.B.Logs.Clear();
    }

    public async Task DisposeAsync()
    {
        if (!cluster.Redis.IsRunning) await cluster.Redis.RestartAsync();
    }

    [Fact]
    public async Task The_viewers_of_a_node_that_falls_silent_are_dropped_after_three_heartbeats()
    {
        var plan = await ClusterPlan.CreateAsync(cluster);
        var collaborator = await plan.AddCollaboratorAsync(cluster.A, "collaborator@example.com");
        await using var onA = await plan.WatchAsync(cluster.A, plan.Owner);
        var doomed = await cluster.StartNodeAsync();
        var silent = doomed.Services.GetRequiredService<RedisPresenceChannel>().Node;
        try
        {
            var onDoomed = await plan.WatchAsync(doomed, collaborator);
            await onA.WaitForViewersAsync(plan.Owner.Id, collaborator.Id);

            // Cut the node's presence channel, so neither its viewer's disconnect nor its goodbye can reach node A.
            await doomed.Services.GetRequiredService<RedisConnection>().DisposeAsync();
            await onDoomed.DisposeAsync();
        }
        finally
        {
            await doomed.DisposeAsync();
        }

        await onA.WaitForViewersAsync(plan.Owner.Id);
        output.WriteLine((await SaysFellSilentAsync(cluster.A, silent)).Message);
    }

    [Fact]
    public async Task While_redis_is_down_each_node_shows_its_own_viewers_and_all_of_them_once_it_is_back()
    {
        var plan = await ClusterPlan.CreateAsync(cluster);
        await using var watching = await plan.WatchedOnBothNodesAsync(cluster);
        var (collaborator, onA, onB) = watching;

        await cluster.Redis.KillAsync();

        // Sent to each node's own sockets directly: the backplane is down.
        await onA.WaitForViewersAsync(plan.Owner.Id);
        await onB.WaitForViewersAsync(collaborator.Id);
        await SaysFellSilentAsync(cluster.A, cluster.B.Services.GetRequiredService<RedisPresenceChannel>().Node);

        await cluster.Redis.RestartAsync();
        foreach (var node in new[] { cluster.A, cluster.B })
            await node.Logs.WaitForAsync(
                e => e.Category == "Unbuilt.Realtime.RedisConnection" && e.Message.Contains("restored (Subscription)", StringComparison.Ordinal),
                Reconnecting, "saying the Redis subscription was restored");
        await onA.WaitForViewersAsync(plan.Owner.Id, collaborator.Id);
        await onB.WaitForViewersAsync(plan.Owner.Id, collaborator.Id);
    }

    private static Task<CapturedLogs.Entry> SaysFellSilentAsync(UnbuiltServer observer, string node) =>
        observer.Logs.WaitForAsync(
            e => e.Level == LogLevel.Information && e.Message.Contains($"Node {node} has not announced", StringComparison.Ordinal),
            TimeSpan.FromSeconds(1), $"saying node {node} fell silent");
}
