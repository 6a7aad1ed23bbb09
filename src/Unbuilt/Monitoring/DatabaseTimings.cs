namespace Unbuilt.Monitoring;

/// This node's database command durations over the last day (at most Capacity of them), in memory: the metrics
/// endpoint's database time and the slow-query alert read it. Recording takes a short lock, no allocation.
public sealed class DatabaseTimings(TimeProvider clock)
{
    public const int Capacity = 100_000;
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private readonly Lock gate = new();
    private readonly (long Ticks, double Ms)[] ring = new (long, double)[Capacity];
    private int next;
    private int count;

    public void Record(TimeSpan duration)
    {
        var now = clock.GetUtcNow().UtcTicks;
        lock (gate)
        {
            ring[next] = (now, duration.TotalMilliseconds);
            next = (next + 1) % Capacity;
            count = Math.Min(count + 1, Capacity);
        }
    }

    /// Commands since <paramref name="since"/> (UTC): how many, their p95 and the slowest, in milliseconds.
    public DatabaseTime Read(DateTime since)
    {
        var from = Math.Max(since.Ticks, clock.GetUtcNow().UtcTicks - Retention.Ticks);
        var durations = new List<double>();
        lock (gate)
        {
            for (var i = 0; i < count; i++)
            {
                var (ticks, ms) = ring[(next - 1 - i + Capacity) % Capacity];
                if (ticks < from) break; // newest first: the rest are older still
                durations.Add(ms);
            }
        }
        durations.Sort();
        return new DatabaseTime(durations.Count, Percentiles.Round(Percentiles.Continuous(durations, 0.95)),
            durations.Count == 0 ? null : Math.Round(durations[^1], 2));
    }
}

/// Database commands over a window on this node; times in milliseconds, null with no command.
public sealed record DatabaseTime(int Commands, double? P95Ms, double? MaxMs);
