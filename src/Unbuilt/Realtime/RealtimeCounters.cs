using System.Collections.Concurrent;
using Unbuilt.Monitoring;

namespace Unbuilt.Realtime;

/// WebSocket connections of this node, for monitoring: open now, and opens, closes and drops with their times
/// (kept for a day, the longest metrics window).
public sealed class RealtimeCounters(TimeProvider clock) : IRealtimeStats
{
    private enum Kind { Opened, Closed, Dropped }

    private static readonly TimeSpan Keep = TimeSpan.FromHours(24);
    private readonly ConcurrentQueue<(DateTime At, Kind Kind)> events = new();
    private int open;

    public void Opened() => Add(Kind.Opened, +1);

    public void Closed(bool clean) => Add(clean ? Kind.Closed : Kind.Dropped, -1);

    public RealtimeCounts Read(DateTime since)
    {
        long opened = 0, closed = 0, dropped = 0;
        foreach (var (at, kind) in events)
        {
            if (at < since) continue;
            if (kind == Kind.Opened) opened++;
            else if (kind == Kind.Closed) closed++;
            else { closed++; dropped++; }
        }
        return new RealtimeCounts(Volatile.Read(ref open), opened, closed, dropped);
    }

    private void Add(Kind kind, int delta)
    {
        Interlocked.Add(ref open, delta);
        var now = clock.GetUtcNow().UtcDateTime;
        events.Enqueue((now, kind));
        while (events.TryPeek(out var oldest) && now - oldest.At > Keep) events.TryDequeue(out _);
    }
}
