using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Unbuilt.Cli.LoadTest;

/// Live-update latency: from the moment a change request is sent to the moment its PlanEvent (recognised by the
/// X-Operation-Id it carried) arrives on the virtual user's WebSocket, which is a different connection.
public sealed class LiveLatency(RunResults results)
{
    private readonly ConcurrentDictionary<string, long> pending = new(StringComparer.Ordinal);

    public int Pending => pending.Count;

    /// Call just before sending the request, since the event may arrive before the HTTP answer does.
    public void Expect(string operationId) => pending[operationId] = Stopwatch.GetTimestamp();

    /// The change failed: no event is due.
    public void Forget(string operationId) => pending.TryRemove(operationId, out _);

    public void Arrived(string? operationId)
    {
        if (operationId is not null && pending.TryRemove(operationId, out var sent))
            results.Succeeded(RunResults.LiveUpdate, Stopwatch.GetElapsedTime(sent));
    }

    /// Counts events still missing after <paramref name="timeout"/> as lost (all of them, with TimeSpan.Zero).
    public void ExpireOlderThan(TimeSpan timeout)
    {
        foreach (var (operationId, sent) in pending)
        {
            if (Stopwatch.GetElapsedTime(sent) < timeout || !pending.TryRemove(operationId, out _)) continue;
            results.Failed(RunResults.LiveUpdate, string.Create(CultureInfo.InvariantCulture,
                $"no PlanEvent for a committed change within {LoadTestSettings.LiveUpdateTimeout.TotalSeconds:0} s"));
        }
    }

    /// Waits (bounded) for the events of the last changes, then counts what is still missing as lost.
    public async Task DrainAsync(CancellationToken ct)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(LoadTestSettings.LiveUpdateTimeout.TotalSeconds * Stopwatch.Frequency);
        while (!pending.IsEmpty && Stopwatch.GetTimestamp() < deadline) await Task.Delay(20, ct);
        ExpireOlderThan(TimeSpan.Zero);
    }
}
