using Unbuilt.Tests.Realtime;

namespace Unbuilt.Tests.ScaleOut;

/// Live updates across nodes: a change committed through node A reaches a client connected to node B.
public sealed class PlanScaleOutTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>, IAsyncLifetime
{
    public Task InitializeAsync() => cluster.A.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_change_through_node_a_reaches_a_client_on_node_b()
    {
        var plan = await ClusterPlan.CreateAsync(cluster);
        await using var onB = await LiveClient.ConnectAsync(cluster.B.BaseAddress, plan.Owner.Token);
        await onB.JoinAsync(plan.PlanId);

        await plan.RenameAsync(cluster.A, "Changed on A", "op-on-a");

        var change = await onB.NextChangeAsync();
        Assert.Equal(plan.PlanId, change.GetProperty("planId").GetInt32());
        Assert.Equal("task.updated", change.GetProperty("type").GetString());
        Assert.Equal("op-on-a", change.GetProperty("operationId").GetString());
    }
}
