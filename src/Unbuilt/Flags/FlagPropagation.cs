namespace Unbuilt.Flags;

/// What follows a committed flag change: this node reloads at once (so its very next evaluation sees the change),
/// then every other node is told to reload.
public sealed class FlagPropagation(FlagSnapshotStore store, IFlagInvalidationBus bus)
{
    // The change is committed: it must propagate even if the caller has gone, so the request's token is not used.
    public async Task AfterCommitAsync(string? flagName)
    {
        await store.ReloadAsync(CancellationToken.None);
        await bus.PublishAsync(new FlagInvalidation(store.NodeId, flagName), CancellationToken.None);
    }
}
