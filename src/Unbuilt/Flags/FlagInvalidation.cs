using System.Collections.Immutable;

namespace Unbuilt.Flags;

/// "Flags changed in the database": sent after a commit so every node reloads its snapshot.
/// <param name="OriginNodeId">The node that made the change (and has already reloaded).</param>
/// <param name="FlagName">The flag that changed, or null for "reload everything" (cache/clear).</param>
public sealed record FlagInvalidation(string OriginNodeId, string? FlagName);

/// Carries invalidations between nodes. In-process by default; a Redis channel implementation replaces it when
/// the app runs on several nodes. Every subscriber sees every invalidation, its own node's included.
public interface IFlagInvalidationBus
{
    Task PublishAsync(FlagInvalidation invalidation, CancellationToken ct);

    /// Calls handler for each invalidation until the returned handle is disposed.
    IDisposable Subscribe(Func<FlagInvalidation, CancellationToken, Task> handler);
}

/// One node: invalidations go straight to this process's subscribers.
public sealed partial class InProcessFlagInvalidationBus(ILogger<InProcessFlagInvalidationBus> logger) : IFlagInvalidationBus
{
    private ImmutableArray<Func<FlagInvalidation, CancellationToken, Task>> handlers = [];

    public async Task PublishAsync(FlagInvalidation invalidation, CancellationToken ct)
    {
        foreach (var handler in handlers)
        {
            try
            {
                await handler(invalidation, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One failing subscriber must not keep the others (or the change's author) from their answer.
                LogHandlerFailed(logger, e, invalidation.FlagName);
            }
        }
    }

    public IDisposable Subscribe(Func<FlagInvalidation, CancellationToken, Task> handler)
    {
        ImmutableInterlocked.Update(ref handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref handlers, list => list.Remove(handler)));
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        public void Dispose() => unsubscribe();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A flag invalidation handler failed (flag {FlagName})")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string? flagName);
}
