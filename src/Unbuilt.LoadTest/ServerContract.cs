namespace Unbuilt.LoadTest;

/// What the load test must say exactly as the server it drives says it: the feature flag that lets its users in, the
/// live hub's path and method names, the CSRF cookie and header a browser sends back, the header that names a change,
/// and how a percentile is computed (the server's own, so a run's p95 and the server's /api/performance/metrics can be
/// compared). The server owns all of these; the CLI fills them in from the server's code (LoadTestCommand.Server).
public sealed record ServerContract
{
    /// The flag the plan endpoints and the hub are gated by; the run's users are let in as its beta users.
    public required string Feature { get; init; }

    /// The SignalR hub's path ("/hubs/plans").
    public required string HubPath { get; init; }

    /// The hub method a connection calls to follow one plan.
    public required string JoinPlan { get; init; }

    /// The client method the hub calls with each committed change.
    public required string PlanEvent { get; init; }

    /// The cookie the server sets at sign-in, whose value every cookie-authenticated write copies into CsrfHeader.
    public required string CsrfCookie { get; init; }

    public required string CsrfHeader { get; init; }

    /// The request header whose value comes back on the change's PlanEvent (operationId).
    public required string OperationHeader { get; init; }

    /// The p-th percentile (p in 0..1) of values sorted ascending; null when there are none.
    public required Func<IReadOnlyList<double>, double, double?> Percentile { get; init; }
}
