using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;

namespace Unbuilt.Flags;

/// When each flag was last evaluated on this node, kept in memory so evaluation stays free of I/O and allocation:
/// one lookup in a frozen map of the known flags (archived ones included, so code still asking for an archived flag
/// keeps it from being deleted) and, at most once a second per flag, one volatile write of Environment.TickCount64.
/// FlagUsageFlusher writes the times to feature_flags.last_evaluated_at.
public sealed class FlagUsage(TimeProvider clock)
{
    private const long WriteEveryMs = 1000;

    // One box per name ever known, kept across reloads; 0 = not evaluated since the last flush.
    private readonly ConcurrentDictionary<string, StrongBox<long>> boxes = new(StringComparer.Ordinal);
    private FrozenDictionary<string, StrongBox<long>> tracked = FrozenDictionary<string, StrongBox<long>>.Empty;

    // Each flag's last evaluation as a time, once converted: a fresh conversion can come out a millisecond apart (the
    // clock and the tick count are read at different instants), and one evaluation must always read the same.
    private readonly ConcurrentDictionary<string, (long Ticks, DateTime At)> converted = new(StringComparer.Ordinal);

    /// The names to track from now on (called after each reload). Unknown names are never added by evaluation, so
    /// asking for made-up flags cannot grow the map.
    public void Track(IEnumerable<string> names) =>
        Volatile.Write(ref tracked, names.Distinct(StringComparer.Ordinal)
            .ToFrozenDictionary(name => name, name => boxes.GetOrAdd(name, _ => new StrongBox<long>()), StringComparer.Ordinal));

    /// Notes that the flag was evaluated now.
    public void Record(string flagName)
    {
        if (!Volatile.Read(ref tracked).TryGetValue(flagName, out var box)) return;
        var now = Environment.TickCount64;
        // Writing the shared line only once a second keeps cores from fighting over it on a busy flag.
        if (now - Volatile.Read(ref box.Value) >= WriteEveryMs) Volatile.Write(ref box.Value, now);
    }

    /// The flag's last evaluation on this node that is not yet flushed, or null.
    public DateTime? Pending(string flagName) =>
        boxes.TryGetValue(flagName, out var box) && Volatile.Read(ref box.Value) is var ticks and not 0 ? TimeOf(flagName, ticks) : null;

    /// Writes every evaluation noted since the last flush; a write that fails is kept for the next one.
    public async Task FlushAsync(UnbuiltDbContext db, CancellationToken ct)
    {
        foreach (var (name, box) in boxes)
        {
            var ticks = Interlocked.Exchange(ref box.Value, 0);
            if (ticks == 0) continue;
            var at = TimeOf(name, ticks);
            try
            {
                await db.FeatureFlags.Where(f => f.Name == name && (f.LastEvaluatedAt == null || f.LastEvaluatedAt < at))
                    .ExecuteUpdateAsync(s => s.SetProperty(f => f.LastEvaluatedAt, at), ct);
            }
            catch
            {
                Interlocked.CompareExchange(ref box.Value, ticks, 0);
                throw;
            }
        }
    }

    private DateTime TimeOf(string flagName, long ticks) => converted.AddOrUpdate(flagName,
        static (_, state) => (state.ticks, state.self.ToTime(state.ticks)),
        static (_, known, state) => known.Ticks == state.ticks ? known : (state.ticks, state.self.ToTime(state.ticks)),
        (self: this, ticks)).At;

    private DateTime ToTime(long ticks)
    {
        var time = clock.GetUtcNow().UtcDateTime - TimeSpan.FromMilliseconds(Math.Max(0, Environment.TickCount64 - ticks));
        return new DateTime(time.Ticks - time.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }
}

/// Flushes FlagUsage every Unbuilt:Flags:UsageFlushSeconds and once more on a graceful shutdown.
public sealed partial class FlagUsageFlusher(
    FlagUsage usage, IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<FlagOptions> options,
    TimeProvider clock, ILogger<FlagUsageFlusher> logger) : BackgroundService
{
    public async Task FlushAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        await usage.FlushAsync(scope.ServiceProvider.GetRequiredService<UnbuiltDbContext>(), ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.UsageFlushSeconds)), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken)) await TryFlushAsync(stoppingToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await TryFlushAsync(cancellationToken);
    }

    private async Task TryFlushAsync(CancellationToken ct)
    {
        try
        {
            await FlushAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFlushFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the flags' last-evaluated times failed; they are kept for the next flush")]
    private static partial void LogFlushFailed(ILogger logger, Exception exception);
}
