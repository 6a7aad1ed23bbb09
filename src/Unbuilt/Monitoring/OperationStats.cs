namespace Unbuilt.Monitoring;

/// One named operation's requests over a window: how many, how many failed (status ≥ 500), how many the client got
/// wrong (status 400–499), and how fast. errorRatePercent is errors ÷ count × 100 and clientErrorRatePercent the same
/// for client errors; latencies are in milliseconds (null with no timed request). Only errors count against a
/// threshold: a client error is the caller's mistake (a missing plan, a bad field), shown so a rise can be seen.
public sealed record OperationStats(string Operation, int Count, int Errors, double ErrorRatePercent,
    int ClientErrors, double ClientErrorRatePercent, double? AvgMs, double? P50Ms, double? P95Ms, double? P99Ms)
{
    public static OperationStats From(string operation, IReadOnlyCollection<OperationSample> samples)
    {
        int errors = 0, clientErrors = 0;
        foreach (var sample in samples)
        {
            if (sample.IsError) errors++;
            else if (sample.IsClientError) clientErrors++;
        }
        var times = samples.Where(s => s.ResponseTimeMs is not null).Select(s => s.ResponseTimeMs!.Value).Order().ToArray();
        return new OperationStats(operation, samples.Count, errors, RatePercent(errors, samples.Count),
            clientErrors, RatePercent(clientErrors, samples.Count),
            Percentiles.Round(Percentiles.Mean(times)),
            Percentiles.Round(Percentiles.Continuous(times, 0.50)),
            Percentiles.Round(Percentiles.Continuous(times, 0.95)),
            Percentiles.Round(Percentiles.Continuous(times, 0.99)));
    }

    /// part ÷ total × 100 to three decimals; 0 for no requests.
    public static double RatePercent(int part, int total) => total == 0 ? 0 : Math.Round(100.0 * part / total, 3);
}

/// One analytics_events row, as much of it as the statistics need.
public readonly record struct OperationSample(string EventType, double? ResponseTimeMs, int? StatusCode)
{
    public bool IsError => StatusCode >= 500;

    public bool IsClientError => StatusCode is >= 400 and < 500;
}
