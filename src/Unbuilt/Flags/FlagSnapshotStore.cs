using Unbuilt.Data;
using Unbuilt.FlagEngine;
using Unbuilt.Monitoring;

namespace Unbuilt.Flags;

/// This node's flags: one immutable snapshot that evaluation reads without locks or I/O, replaced as a whole by
/// ReloadAsync (after every change made here, on an invalidation from another node, and periodically). After each
/// reload every IFlagSnapshotListener hears the new snapshot.
public sealed class FlagSnapshotStore(
    IServiceScopeFactory scopes, IServiceProvider services, TimeProvider clock, ILogger<FlagSnapshotStore> logger,
    UnbuiltMetrics? metrics = null, FlagUsage? usage = null)
    : IDisposable
{
    // Resolved at the first reload, not injected: the listeners (the live hub's) read flags through this store.
    private IFlagSnapshotListener[]? listeners;

    private readonly SemaphoreSlim reloading = new(1, 1);
    private FlagSnapshot current = FlagSnapshot.Empty;
    private long reloadCount;

    /// Tells this node's own invalidations from other nodes'.
    public string NodeId { get; } = Guid.NewGuid().ToString("N")[..12];

    public FlagSnapshot Current => Volatile.Read(ref current);

    /// How many times the snapshot was rebuilt since start (for metrics).
    public long ReloadCount => Interlocked.Read(ref reloadCount);

    public DateTimeOffset? LastReloadedAt { get; private set; }

    /// The gate's and the check API's evaluation, counted by reason for `/metrics` and noted as the flag's last
    /// evaluation (FlagUsage; the engine itself stays pure).
    public Evaluation Evaluate(string flagName, FlagContext context)
    {
        var evaluation = Current.Evaluate(flagName, context);
        metrics?.RecordEvaluation(flagName, evaluation.ReasonName);
        usage?.Record(flagName);
        return evaluation;
    }

    /// Rebuilds the snapshot from the database. Reloads run one at a time, so a reload that started later (and so
    /// read later) is never overwritten by one that started earlier.
    public async Task<FlagSnapshot> ReloadAsync(CancellationToken ct)
    {
        FlagSnapshot snapshot;
        await reloading.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>();
            (snapshot, var archived) = await StoredFlags.LoadSnapshotAsync(db, logger, ct);
            usage?.Track(snapshot.Flags.Select(f => f.Name).Concat(archived));
            Volatile.Write(ref current, snapshot);
            Interlocked.Increment(ref reloadCount);
            LastReloadedAt = clock.GetUtcNow();
        }
        finally
        {
            reloading.Release();
        }
        listeners ??= [.. services.GetServices<IFlagSnapshotListener>()];
        foreach (var listener in listeners) listener.OnReloaded(snapshot);
        return snapshot;
    }

    public void Dispose() => reloading.Dispose();
}

/// Hears each new snapshot of this node's flags, right after the reload (must not block: it runs on the reload's path).
public interface IFlagSnapshotListener
{
    void OnReloaded(FlagSnapshot snapshot);
}
