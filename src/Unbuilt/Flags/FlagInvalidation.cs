namespace Unbuilt.Flags;

/// "Flags changed in the database": sent after a commit so every node reloads its snapshot.
/// <param name="OriginNodeId">The node that made the change (and has already reloaded).</param>
/// <param name="FlagName">The flag that changed, or null for "reload everything" (cache/clear).</param>
public sealed record FlagInvalidation(string OriginNodeId, string? FlagName);

/// Carries invalidations to every node, this one included. Which implementation runs (in-process for one node, a
/// Redis channel for several) is chosen in ScaleOutSetup.
public interface IFlagInvalidationBus
{
    Task PublishAsync(FlagInvalidation invalidation, CancellationToken ct);
}

/// Hears every invalidation the bus carries (FlagSnapshotRefresher, which reloads this node's snapshot).
public interface IFlagInvalidationListener
{
    Task OnInvalidatedAsync(FlagInvalidation invalidation, CancellationToken ct);
}

/// One node: invalidations go straight to this process's listeners.
public sealed partial class InProcessFlagInvalidationBus(
    IEnumerable<IFlagInvalidationListener> listeners, ILogger<InProcessFlagInvalidationBus> logger) : IFlagInvalidationBus
{
    public async Task PublishAsync(FlagInvalidation invalidation, CancellationToken ct)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OnInvalidatedAsync(invalidation, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failing listener must not keep the others (or the change's author) from their answer.
                LogListenerFailed(logger, e, invalidation.FlagName);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A flag invalidation listener failed (flag {FlagName})")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string? flagName);
}
