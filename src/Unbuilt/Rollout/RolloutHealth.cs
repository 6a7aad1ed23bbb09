using System.Globalization;
using Unbuilt.FlagEngine;

namespace Unbuilt.Rollout;

/// What was measured for a flag's feature since a phase began: what `status` shows and `advance` is held to. An
/// interface so the gates can be tried on readings a test chooses; AnalyticsRolloutHealth is the real one.
public interface IRolloutHealth
{
    /// What was measured for the flag since <paramref name="since"/>, or null when no operation is gated by the
    /// flag (there is nothing to measure).
    Task<PhaseHealth?> ReadAsync(string flagName, DateTime since, CancellationToken ct);
}

/// The feature's requests since the phase began, the client errors (4xx) among them, and the reading its gate is
/// held against (null with no requests). Client errors are shown beside the health and judged by nothing.
public sealed record PhaseHealth(int Requests, int ClientErrors, HealthReading? Reading)
{
    public double ClientErrorRatePercent => Requests == 0 ? 0 : Math.Round(100.0 * ClientErrors / Requests, 3);
}

/// A phase's health held against its gate: "none" (no gate), "unknown" (fewer than minSamples requests, or nothing
/// measured), "healthy" or "breached". Requests is what was counted (null when nothing is measured).
public sealed record GateVerdict(string Health, IReadOnlyList<string> Breaches, HealthReading? Reading, int? Requests,
    int MinSamples)
{
    public const string None = "none", Unknown = "unknown", Healthy = "healthy", Breached = "breached";

    /// Why the gate holds the phase back, or null when it does not: advancing needs evidence, not only no bad news.
    public string? Obstacle => Health switch
    {
        Breached => "health breached: " + string.Join(", ", Breaches),
        Unknown when Requests is { } counted => string.Create(CultureInfo.InvariantCulture,
            $"health unknown: {counted} of the {MinSamples} requests needed"),
        Unknown => "health unknown: no operation is gated by this flag, so none is measured",
        _ => null,
    };

    public static GateVerdict For(RolloutPhase? phase, PhaseHealth? measured, int minSamples)
    {
        var requests = measured?.Requests;
        if (phase?.HealthGate is not { } gate) return new(None, [], measured?.Reading, requests, minSamples);
        if (requests is not { } counted || counted < minSamples || measured!.Reading is not { } observed)
            return new(Unknown, [], null, requests, minSamples);
        var breaches = gate.Breaches(observed);
        return new(breaches.Count == 0 ? Healthy : Breached, breaches, observed, requests, minSamples);
    }
}
