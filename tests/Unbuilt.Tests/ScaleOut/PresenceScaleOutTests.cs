namespace Unbuilt.Tests.ScaleOut;

/// Presence across nodes: viewers of one plan connected to different nodes see each other come and go. The
/// cluster's heartbeat is an hour, so whatever a node learns here came from another node's announcement of a change,
/// or from the answers to a new node's hello.
public sealed class PresenceScaleOutTests(TwoNodeCluster cluster) : IClassFixture<TwoNodeCluster>, IAsyncLifetime
{
    public Task InitializeAsync() => cluster.A.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Viewers_on_two_nodes_each_see_both()
    {
        var plan = await ClusterPlan.CreateAsync(cluster);

        // Each side listing both viewers is the assertion.
        await using var watching = await plan.WatchedOnBothNodesAsync(cluster);
    }

    [Fact]
    public async Task A_viewer_who_closes_on_one_node_is_gone_from_the_other()
    {
        var plan = await ClusterPlan.CreateAsync(cluster);
        var collaborator = await plan.AddCollaboratorAsync(cluster.A, "collaborator@example.com");
        await using var onA = await plan.WatchAsync(cluster.A, plan.Owner);
        var onB = await plan.WatchAsync(cluster.B, collaborator);
        await onA.WaitForViewersAsync(plan.Owner.Id, collaborator.Id);

        await onB.DisposeAsync();

        await onA.WaitForViewersAsync(plan.Owner.Id);
    }

    [Fact]
    public async Task A_node_that_starts_later_learns_who_is_viewing_at_once_and_its_viewers_go_when_it_stops()
    {
        var plan = await ClusterPlan.CreateAsync(cluster);
        var collaborator = await plan.AddCollaboratorAsync(cluster.A, "collaborator@example.com");
        await using var onA = await plan.WatchAsync(cluster.A, plan.Owner);
        await onA.WaitForViewersAsync(plan.Owner.Id);

        var late = await cluster.StartNodeAsync();
        try
        {
            var onLate = await plan.WatchAsync(late, collaborator);
            await onLate.WaitForViewersAsync(plan.Owner.Id, collaborator.Id); // node A answered the late node's hello
            await onA.WaitForViewersAsync(plan.Owner.Id, collaborator.Id);
        }
        finally
        {
            await late.DisposeAsync(); // with the collaborator still connected to it
        }

        await onA.WaitForViewersAsync(plan.Owner.Id);
    }
}
