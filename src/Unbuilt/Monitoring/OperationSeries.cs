using Microsoft.EntityFrameworkCore;
using Unbuilt.Data;

namespace Unbuilt.Monitoring;

/// Each operation's requests as a series over a window: per step (a minute, five, an hour) how many, how many failed
/// (5xx) and how many were the caller's mistakes (4xx), and the p95. The rows are streamed, not held: a step keeps
/// at most <see cref="SamplesPerPoint"/> response times (a uniform sample of them once there are more), so the
/// memory a series takes is bounded by its points, not by the traffic of the window.
public sealed class OperationSeries(UnbuiltDbContext db, TelemetryWriter writer)
{
    /// Response times kept per point for its p95: exact up to this many requests, a uniform sample beyond.
    public const int SamplesPerPoint = 1000;

    /// Points with no request are left out: a chart draws them as a gap, not as zero.
    public async Task<List<SeriesLine>> ReadAsync(DateTime from, DateTime to, TimeSpan step, string? operation, CancellationToken ct)
    {
        await writer.FlushAsync();
        var events = db.AnalyticsEvents.AsNoTracking().Where(e => e.Timestamp >= from && e.Timestamp < to);
        if (operation is not null) events = events.Where(e => e.EventType == operation);
        var points = new Dictionary<(string Operation, long Index), Point>();
        var random = new Random(17); // a fixed seed: the same rows give the same sample, and so the same answer
        await foreach (var e in events.Select(e => new { e.EventType, e.Timestamp, e.ResponseTimeMs, e.StatusCode })
                           .AsAsyncEnumerable().WithCancellation(ct))
        {
            var key = (e.EventType, (e.Timestamp - from).Ticks / step.Ticks);
            if (!points.TryGetValue(key, out var point)) points[key] = point = new Point();
            point.Add(OperationMetrics.OutcomeOf(e.StatusCode ?? StatusCodes.Status200OK), e.ResponseTimeMs, random);
        }
        return [.. points.GroupBy(p => p.Key.Operation, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new SeriesLine(g.Key, [.. g.OrderBy(p => p.Key.Index)
                .Select(p => p.Value.ToSeriesPoint(from + TimeSpan.FromTicks(p.Key.Index * step.Ticks)))]))];
    }

    private sealed class Point
    {
        private readonly List<double> times = [];
        private int count, errors, clientErrors, timed;

        public void Add(Outcome outcome, double? ms, Random random)
        {
            count++;
            if (outcome == Outcome.ServerError) errors++;
            else if (outcome == Outcome.ClientError) clientErrors++;
            if (ms is not { } value) return;
            timed++;
            // Reservoir sampling: each of the `timed` values so far is kept with the same chance.
            if (times.Count < SamplesPerPoint) times.Add(value);
            else if (random.Next(timed) is var slot && slot < SamplesPerPoint) times[slot] = value;
        }

        public SeriesPoint ToSeriesPoint(DateTime at)
        {
            times.Sort();
            return new SeriesPoint(at, count, errors, clientErrors, Math.Round(100.0 * errors / count, 1),
                Math.Round(100.0 * clientErrors / count, 1), Percentiles.Round(Percentiles.Continuous(times, 0.95), 1));
        }
    }
}

/// One operation's points, oldest first.
public sealed record SeriesLine(string Operation, IReadOnlyList<SeriesPoint> Points);

/// One step: it starts at <paramref name="At"/>; rates in percent of its requests (0.1), p95 in ms (0.1), null
/// when no request of the step was timed.
public sealed record SeriesPoint(DateTime At, int Count, int Errors, int ClientErrors, double ErrorRatePercent,
    double ClientErrorRatePercent, double? P95Ms);
