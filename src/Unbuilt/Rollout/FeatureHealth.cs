using Microsoft.Extensions.Options;
using Unbuilt.FlagEngine;
using Unbuilt.Monitoring;

namespace Unbuilt.Rollout;

/// A feature's requests over a window (its gated operations only), held against the alert thresholds.
public sealed class FeatureHealth(IReadOnlyCollection<OperationTail> operations, AlertOptions limits)
{
    public const string PlanLoaded = "plan_loaded";

    public int Requests { get; } = operations.Sum(o => o.Count);

    public int Errors { get; } = operations.Sum(o => o.Errors);

    /// 4xx answers: shown beside the health, never a breach (AlertRules counts Errors only).
    public int ClientErrors { get; } = operations.Sum(o => o.ClientErrors);

    /// The thresholds broken; none while there are fewer than MinSamples requests.
    public IReadOnlyList<Alert> Breaches { get; } = AlertRules.ForOperations(operations, limits);

    /// What a phase's health gate is held against: the error rate, and each p95 once there are MinSamples timed
    /// requests of it (fewer make no percentile). Whether there are requests enough to judge at all is the gate's
    /// question (Unbuilt:Rollout:MinSamples), not the alerts'.
    public PhaseHealth Phase => new(Requests, ClientErrors, Requests == 0
        ? null
        : new HealthReading((double)Errors / Requests, P95(AlertRules.TaskUpdated), P95(PlanLoaded)));

    private double? P95(string operation) =>
        operations.FirstOrDefault(o => o.EventType == operation) is { } tail && tail.Timed >= limits.MinSamples
            ? Percentiles.Round(tail.P95)
            : null;
}

/// Reads a flag's FeatureHealth from analytics_events.
public sealed class FeatureHealthReader(OperationSamples samples, FeatureOperations operations, IOptions<AlertOptions> alerts)
{
    /// The flag's health since <paramref name="since"/> (UTC), or null when no endpoint is gated by it.
    public async Task<FeatureHealth?> ReadAsync(string flagName, DateTime since, CancellationToken ct)
    {
        var eventTypes = operations.EventTypesFor(flagName);
        if (eventTypes.Count == 0) return null;
        return new FeatureHealth(await samples.SummarizeAsync(since, eventTypes, ct), alerts.Value);
    }
}

/// The real IRolloutHealth behind `flags status` and `flags advance`: requests, client errors, error rate and task
/// update / plan load p95 of the feature's operations since the phase began.
public sealed class AnalyticsRolloutHealth(FeatureHealthReader reader) : IRolloutHealth
{
    public async Task<PhaseHealth?> ReadAsync(string flagName, DateTime since, CancellationToken ct) =>
        (await reader.ReadAsync(flagName, since, ct))?.Phase;
}
