namespace Unbuilt.Monitoring;

/// One named operation's requests over a window: how many, how many failed (status ≥ 500), and how fast.
/// errorRatePercent is errors ÷ count × 100; latencies are in milliseconds (null with no timed request).
public sealed record OperationStats(string Operation, int Count, int Errors, double ErrorRatePercent,
    double? AvgMs, double? P50Ms, double? P95Ms, double? P99Ms)
{
    public static OperationStats From(string operation, IReadOnlyCollection<OperationSample> samples)
    {
        var errors = samples.Count(s => s.IsError);
        var times = samples.Where(s => s.ResponseTimeMs is not null).Select(s => s.ResponseTimeMs!.Value).Order().ToArray();
        return new OperationStats(operation, samples.Count, errors,
            samples.Count == 0 ? 0 : Math.Round(100.0 * errors / samples.Count, 3),
            Percentiles.Round(Percentiles.Mean(times)),
            Percentiles.Round(Percentiles.Continuous(times, 0.50)),
            Percentiles.Round(Percentiles.Continuous(times, 0.95)),
            Percentiles.Round(Percentiles.Continuous(times, 0.99)));
    }
}

/// One analytics_events row, as much of it as the statistics need.
public readonly record struct OperationSample(string EventType, double? ResponseTimeMs, int? StatusCode)
{
    public bool IsError => StatusCode >= 500;
}
