namespace Unbuilt.LoadTest;

/// One operation's latencies (ms) and failures, from many virtual users at once. Samples are kept whole and sorted
/// at the end: a minute at a few hundred requests a second is a few tens of thousands of doubles. Percentiles are the
/// server's (ServerContract.Percentile), rounded to 0.01 ms as the server shows its own.
public sealed class LatencyLog(string operation, Func<IReadOnlyList<double>, double, double?> percentile)
{
    public const int MaxErrorSamples = 5;

    private readonly Lock gate = new();
    private readonly List<double> samples = [];
    private readonly List<string> errorSamples = [];
    private int errors;

    public string Operation { get; } = operation;

    public void Record(TimeSpan elapsed)
    {
        lock (gate) samples.Add(elapsed.TotalMilliseconds);
    }

    /// Forgets everything recorded so far (the warm-up's samples); returns how many of them were failures.
    public int Clear()
    {
        lock (gate)
        {
            var failed = errors;
            samples.Clear();
            errorSamples.Clear();
            errors = 0;
            return failed;
        }
    }

    public void Fail(string message)
    {
        lock (gate)
        {
            errors++;
            if (errorSamples.Count < MaxErrorSamples && !errorSamples.Contains(message)) errorSamples.Add(message);
        }
    }

    public LatencySummary Summarize()
    {
        double[] sorted;
        int failed;
        string[] messages;
        lock (gate) (sorted, failed, messages) = ([.. samples], errors, [.. errorSamples]);
        Array.Sort(sorted);
        return new LatencySummary(Operation, sorted.Length, failed, Ms(sorted, 0.50), Ms(sorted, 0.95), Ms(sorted, 0.99),
            sorted.Length == 0 ? null : Math.Round(sorted[^1], 2), messages);
    }

    private double? Ms(double[] sorted, double p) => percentile(sorted, p) is { } ms ? Math.Round(ms, 2) : null;
}

/// Count of successful samples, errors, and percentiles in ms (null when there are no samples).
public sealed record LatencySummary(string Operation, int Count, int Errors, double? P50Ms, double? P95Ms, double? P99Ms,
    double? MaxMs, IReadOnlyList<string> ErrorSamples);
