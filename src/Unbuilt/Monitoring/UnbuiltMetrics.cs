using System.Diagnostics.Metrics;

namespace Unbuilt.Monitoring;

/// Our instruments for OpenTelemetry (`/metrics`): operation durations by operation and outcome, flag evaluations
/// by reason, and the telemetry rows the bounded queue had to drop.
public sealed class UnbuiltMetrics
{
    public const string MeterName = "Unbuilt";

    private readonly Histogram<double> operationDuration;
    private readonly Counter<long> flagEvaluations;

    public UnbuiltMetrics(IMeterFactory meters, TelemetryQueue queue)
    {
        var meter = meters.Create(MeterName);
        operationDuration = meter.CreateHistogram("unbuilt.operation.duration", "s",
            "Time to answer a named operation (plan_loaded, task_updated, …)",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10],
            });
        flagEvaluations = meter.CreateCounter<long>("unbuilt.flag.evaluations", "{evaluation}",
            "Feature flag evaluations by the gate and the check API, by flag and reason");
        meter.CreateObservableCounter("unbuilt.telemetry.dropped", () => queue.Dropped, "{row}",
            "Analytics and audit rows dropped because the telemetry queue was full");
        meter.CreateObservableUpDownCounter("unbuilt.telemetry.pending", () => queue.Pending, "{row}",
            "Analytics and audit rows waiting to be written");
    }

    public void RecordOperation(string operation, int status, TimeSpan elapsed) =>
        operationDuration.Record(elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("operation", operation),
            new KeyValuePair<string, object?>("outcome", Outcome(status)));

    /// No allocation: the reason name is a literal and the tags live on the stack. Takes the reason by name, so
    /// monitoring needs nothing of the flag engine.
    public void RecordEvaluation(string flag, string reason) =>
        flagEvaluations.Add(1,
            new KeyValuePair<string, object?>("flag", flag),
            new KeyValuePair<string, object?>("reason", reason));

    public static string Outcome(int status) => status switch
    {
        >= 500 => "server_error",
        >= 400 => "client_error",
        _ => "success",
    };
}
