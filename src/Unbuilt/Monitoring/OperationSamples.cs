using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;

namespace Unbuilt.Monitoring;

/// Reads the analytics events of a window, after writing whatever the telemetry queue still holds, so the numbers
/// include the requests that just finished.
public sealed class OperationSamples(UnbuiltDbContext db, TelemetryWriter writer)
{
    /// Every event since <paramref name="since"/>, or only those of the given operations.
    public async Task<List<OperationSample>> ReadAsync(DateTime since, IReadOnlyCollection<string>? operations, CancellationToken ct)
    {
        await writer.FlushAsync();
        var events = db.AnalyticsEvents.AsNoTracking().Where(e => e.Timestamp >= since);
        if (operations is not null) events = events.Where(e => operations.Contains(e.EventType));
        return await events.Select(e => new OperationSample(e.EventType, e.ResponseTimeMs, e.StatusCode)).ToListAsync(ct);
    }

    /// Statistics per operation, by name.
    public static List<OperationStats> ByOperation(IEnumerable<OperationSample> samples) =>
        [.. samples.GroupBy(s => s.EventType, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => OperationStats.From(g.Key, g.ToList()))];
}
