using Microsoft.Extensions.Options;

namespace Unbuilt.Flags;

/// Loads the flags before the app takes requests, reloads them when another node says they changed, and every
/// ReloadSeconds as a safety net for a lost invalidation.
public sealed partial class FlagSnapshotRefresher(
    FlagSnapshotStore store, IOptions<FlagOptions> options, TimeProvider clock, ILogger<FlagSnapshotRefresher> logger)
    : BackgroundService, IFlagInvalidationListener
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await TryReloadAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.ReloadSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            await TryReloadAsync(stoppingToken);
    }

    // This node reloaded before it published; only other nodes' changes need a reload here.
    public Task OnInvalidatedAsync(FlagInvalidation invalidation, CancellationToken ct) =>
        invalidation.OriginNodeId == store.NodeId ? Task.CompletedTask : TryReloadAsync(ct);

    /// A failed reload keeps the last good snapshot (or the empty one: every flag off) and tries again next tick.
    private async Task TryReloadAsync(CancellationToken ct)
    {
        try
        {
            await store.ReloadAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogReloadFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading feature flags failed; keeping the last snapshot")]
    private static partial void LogReloadFailed(ILogger logger, Exception exception);
}
