using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Unbuilt.LoadTest;

/// Live-update latency: from the moment a change request is sent to the moment its PlanEvent (recognised by the
/// X-Operation-Id it carried) arrives on the virtual user's WebSocket, which is a different connection. Beside it,
/// the event's arrival relative to the sender's 2xx answer (negative when the event came first): the real-time
/// layer's own share, without the write. An event still missing LiveUpdateTimeout after the 2xx counts as lost.
public sealed class LiveLatency(RunResults results)
{
    private sealed class Change(long sent)
    {
        public long Sent { get; } = sent;
        public long Committed { get; set; }
        public long Arrived { get; set; }
    }

    private readonly ConcurrentDictionary<string, Change> pending = new(StringComparer.Ordinal);

    /// Call just before sending the request, since the event may arrive before the HTTP answer does.
    public void Expect(string operationId) => pending[operationId] = new Change(Stopwatch.GetTimestamp());

    /// The server answered 2xx: the change is committed and its event is due.
    public void Committed(string operationId)
    {
        if (!pending.TryGetValue(operationId, out var change)) return;
        lock (change)
        {
            change.Committed = Stopwatch.GetTimestamp();
            if (change.Arrived != 0) Complete(operationId, change);
        }
    }

    /// The change failed: no event is due.
    public void Forget(string operationId) => pending.TryRemove(operationId, out _);

    public void Arrived(string? operationId)
    {
        if (operationId is null || !pending.TryGetValue(operationId, out var change)) return;
        lock (change)
        {
            if (change.Arrived != 0) return;
            change.Arrived = Stopwatch.GetTimestamp();
            results.Succeeded(RunResults.LiveUpdate, Stopwatch.GetElapsedTime(change.Sent, change.Arrived));
            if (change.Committed != 0) Complete(operationId, change);
        }
    }

    private void Complete(string operationId, Change change)
    {
        results.Succeeded(RunResults.LiveAfterAnswer, Stopwatch.GetElapsedTime(change.Committed, change.Arrived));
        pending.TryRemove(operationId, out _);
    }

    /// Counts as lost every committed change whose event is more than the timeout late.
    public void ExpireLate() => Expire(everything: false);

    private void Expire(bool everything)
    {
        foreach (var (operationId, change) in pending)
        {
            lock (change)
            {
                var late = everything || (change.Arrived == 0 && change.Committed != 0 &&
                                          Stopwatch.GetElapsedTime(change.Committed) >= LoadTestSettings.LiveUpdateTimeout);
                if (!late || change.Arrived != 0 || !pending.TryRemove(operationId, out _)) continue;
            }
            results.Failed(RunResults.LiveUpdate, string.Create(CultureInfo.InvariantCulture,
                $"no PlanEvent within {LoadTestSettings.LiveUpdateTimeout.TotalSeconds:0} s of the change's 2xx answer"));
        }
    }

    /// After the run (every request answered): waits, bounded, for the last events, then counts the rest as lost.
    public async Task DrainAsync(CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(LoadTestSettings.LiveUpdateTimeout.TotalSeconds * Stopwatch.Frequency);
        while (!pending.IsEmpty && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(20, ct);
            ExpireLate();
        }
        Expire(everything: true);
    }
}
