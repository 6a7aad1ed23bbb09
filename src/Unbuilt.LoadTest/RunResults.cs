namespace Unbuilt.LoadTest;

/// Everything measured during the timed run: a log per operation, and the totals the progress bar shows.
/// <param name="percentile">How the server computes a percentile (ServerContract.Percentile), for each log's p50/p95/p99.</param>
public sealed class RunResults(Func<IReadOnlyList<double>, double, double?> percentile)
{
    public const string PlanLoaded = "plan_loaded";
    public const string TaskUpdated = "task_updated";
    public const string TaskMoved = "task_moved";
    public const string TasksReordered = "tasks_reordered";
    public const string ExportGenerated = "export_generated";
    public const string LiveUpdate = "live_update";
    public const string LiveAfterAnswer = "live_after_answer";

    public static IReadOnlyList<string> Operations { get; } =
        [PlanLoaded, TaskUpdated, TaskMoved, TasksReordered, ExportGenerated, LiveUpdate, LiveAfterAnswer];

    /// Whether the operation is an HTTP request (not a live-update measurement).
    public static bool IsRequest(string operation) => operation is not (LiveUpdate or LiveAfterAnswer);

    private readonly Dictionary<string, LatencyLog> logs = Operations.ToDictionary(o => o, o => new LatencyLog(o, percentile));
    private long requests;
    private long errors;
    private long liveEvents;

    public long Requests => Interlocked.Read(ref requests);
    public long Errors => Interlocked.Read(ref errors);

    /// PlanEvents received by every connection (the virtual users' own and the passive listeners).
    public long LiveEvents => Interlocked.Read(ref liveEvents);

    public void Succeeded(string operation, TimeSpan elapsed)
    {
        if (IsRequest(operation)) Interlocked.Increment(ref requests);
        logs[operation].Record(elapsed);
    }

    public void Failed(string operation, string message)
    {
        if (IsRequest(operation)) Interlocked.Increment(ref requests);
        Interlocked.Increment(ref errors);
        logs[operation].Fail(message);
    }

    public void EventReceived() => Interlocked.Increment(ref liveEvents);

    /// Failed requests and lost live updates during the warm-up: not measured, but a failure all the same.
    public long WarmUpFailures { get; private set; }

    /// The warm-up is over: from here on everything counts.
    public void StartMeasuring()
    {
        WarmUpFailures += logs.Values.Sum(log => log.Clear());
        Interlocked.Exchange(ref requests, 0);
        Interlocked.Exchange(ref errors, 0);
        Interlocked.Exchange(ref liveEvents, 0);
    }

    public IReadOnlyList<LatencySummary> Summarize() => [.. Operations.Select(o => logs[o].Summarize())];
}
